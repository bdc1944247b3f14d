// Outcome types of the registration service, importable by client code (no server imports).
export type RegisterRejection = "not-found" | "not-open" | "closed" | "not-eligible" | "full";
