-- CreateExtension: trigram matching for the organizer search (created here, not declared in schema.prisma: docs/decisions/0002)
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Registration_givenName_idx" ON "Registration" USING GIN ("givenName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Registration_familyName_idx" ON "Registration" USING GIN ("familyName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Registration_email_idx" ON "Registration" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Registration_organization_idx" ON "Registration" USING GIN ("organization" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Registration_meetingId_category_idx" ON "Registration"("meetingId", "category");

-- CreateIndex
CREATE INDEX "Registration_meetingId_country_idx" ON "Registration"("meetingId", "country");
