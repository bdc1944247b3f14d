// The baseline of every figure: the least a Node.js HTTP server can do per request on this
// machine (hello world, no framework, no database). Started by bench/run.ts in its own process.
import http from "node:http";

const port = Number(process.env.PORT);
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  response.end("hello world");
});
server.listen(port, "localhost");
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
