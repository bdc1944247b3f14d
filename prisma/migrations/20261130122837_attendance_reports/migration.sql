-- CreateTable
CREATE TABLE "AttendanceReport" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "platform" VARCHAR(10) NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "uploadedById" VARCHAR(40) NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AttendanceReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceReportRow" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "email" VARCHAR(254),
    "joinedAt" TIMESTAMPTZ(3) NOT NULL,
    "leftAt" TIMESTAMPTZ(3),
    "durationSeconds" INTEGER,
    "inSession" BOOLEAN NOT NULL,
    "sessionId" UUID,
    "registrationId" UUID,
    "matchedBy" VARCHAR(10),
    "ignoredAt" TIMESTAMPTZ(3),

    CONSTRAINT "AttendanceReportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttendanceReport_meetingId_uploadedAt_idx" ON "AttendanceReport"("meetingId", "uploadedAt");

-- CreateIndex
CREATE INDEX "AttendanceReportRow_reportId_line_idx" ON "AttendanceReportRow"("reportId", "line");

-- CreateIndex
CREATE INDEX "AttendanceReportRow_registrationId_idx" ON "AttendanceReportRow"("registrationId");

-- CreateIndex
CREATE INDEX "AttendanceReportRow_sessionId_idx" ON "AttendanceReportRow"("sessionId");

-- AddForeignKey
ALTER TABLE "AttendanceReport" ADD CONSTRAINT "AttendanceReport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceReportRow" ADD CONSTRAINT "AttendanceReportRow_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "AttendanceReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceReportRow" ADD CONSTRAINT "AttendanceReportRow_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MeetingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceReportRow" ADD CONSTRAINT "AttendanceReportRow_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE SET NULL ON UPDATE CASCADE;
