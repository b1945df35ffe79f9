import GRDB

/// The schema's history. Never edit a shipped migration: add the next one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tenantsAndAudit") { db in
            try db.create(table: "tenant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("creditCode", .text).notNull().unique()
                t.column("origin", .text).notNull()
                t.column("contactPerson", .text)
                t.column("contactPhone", .text)
                t.column("dispatchLicence", .text)
                t.column("hrServiceLicence", .text)
                t.column("status", .text).notNull().indexed()
                t.column("appliedOn", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            try db.create(table: "tenantBusinessLine") { t in
                t.belongsTo("tenant", onDelete: .cascade).notNull()
                t.column("line", .text).notNull()
                t.primaryKey(["tenantId", "line"])
            }
            try db.create(index: "tenantBusinessLine_line", on: "tenantBusinessLine", columns: ["line", "tenantId"])
            try db.create(table: "tenantTag") { t in
                t.belongsTo("tenant", onDelete: .cascade).notNull()
                t.column("tag", .text).notNull()
                t.primaryKey(["tenantId", "tag"])
            }
            try db.create(table: "tenantStatusChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("tenant", onDelete: .cascade).notNull()
                t.column("fromStatus", .text).notNull()
                t.column("toStatus", .text).notNull()
                t.column("effectiveOn", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
            }
            try db.create(table: "auditEntry") { t in
                t.primaryKey("id", .integer)
                t.column("at", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("user", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("method", .text).notNull().indexed()
                t.column("parameters", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
        }
        migrator.registerMigration("v2-unitsAndLeases") { db in
            try db.create(table: "rentalUnit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("building", .text).notNull()
                t.column("floor", .text)
                t.column("number", .text).notNull()
                t.column("areaCenti", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("listRentFen", .integer).notNull()
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.uniqueKey(["building", "number"])
            }
            try db.create(table: "lease") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("tenant").notNull()
                t.column("start", .text).notNull()
                t.column("end", .text).notNull()
                t.column("terminatedOn", .text)
                t.column("depositFen", .integer).notNull()
                t.column("billingDay", .integer).notNull()
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            try db.create(table: "leaseUnit") { t in
                t.belongsTo("lease", onDelete: .cascade).notNull()
                t.belongsTo("rentalUnit").notNull()
                t.column("areaCenti", .integer).notNull()
                t.primaryKey(["leaseId", "rentalUnitId"])
            }
            try db.create(index: "leaseUnit_unit", on: "leaseUnit", columns: ["rentalUnitId", "leaseId"])
            try db.create(table: "leaseRent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("lease", onDelete: .cascade).notNull()
                t.column("effectiveFrom", .text).notNull()
                t.column("rentFen", .integer).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
            }
            try db.create(table: "leaseEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("lease", onDelete: .cascade).notNull()
                t.column("kind", .text).notNull()
                t.column("effectiveOn", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
            }
        }
        migrator.registerMigration("v3-operatingReports") { db in
            // Every version of a report is kept; exactly one per tenant and month is current.
            try db.create(table: "operatingReport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("tenant").notNull()
                t.column("month", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("isCurrent", .boolean).notNull()
                t.column("revenueFen", .integer).notNull()
                t.column("taxFen", .integer).notNull()
                t.column("employersServed", .integer).notNull()
                t.column("workersDispatched", .integer).notNull()
                t.column("workersOutsourced", .integer).notNull()
                t.column("jobSeekersServed", .integer).notNull()
                t.column("placements", .integer).notNull()
                t.column("trainingSessions", .integer).notNull()
                t.column("trainingAttendees", .integer).notNull()
                t.column("phdHires", .integer).notNull()
                t.column("headcount", .integer).notNull()
                t.column("reason", .text)
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
                t.uniqueKey(["tenantId", "month", "version"])
            }
            try db.execute(sql: "CREATE UNIQUE INDEX operatingReport_current ON operatingReport(tenantId, month) WHERE isCurrent")
            try db.create(index: "operatingReport_month", on: "operatingReport", columns: ["month", "isCurrent"])
        }
        migrator.registerMigration("v4-incubator") { db in
            try db.create(table: "incubatorProject") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("founder", .text).notNull()
                t.column("team", .text)
                t.column("university", .text)
                t.column("phdCount", .integer).notNull()
                t.column("enteredOn", .text).notNull()
                t.column("graduatedOn", .text)
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            try db.create(table: "incubatorSeat") { t in
                t.belongsTo("incubatorProject", onDelete: .cascade).notNull()
                t.belongsTo("rentalUnit").notNull()
                t.primaryKey(["incubatorProjectId", "rentalUnitId"])
            }
        }
        migrator.registerMigration("v5-policiesAndRewards") { db in
            // Every policy text ever loaded, by content hash; a load records the set in force.
            try db.create(table: "policyVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("policyId", .text).notNull()
                t.column("hash", .text).notNull().unique()
                t.column("fileName", .text).notNull()
                t.column("source", .text).notNull()
                t.column("firstLoadedAt", .text).notNull()
            }
            try db.create(table: "policyLoad") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("loadedAt", .text).notNull()
                // Comma-separated policyVersion ids.
                t.column("versionIds", .text).notNull()
            }
            try db.create(table: "rewardRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("period", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull()
                // Comma-separated rule ids, in computing order.
                t.column("rules", .text).notNull()
                // Comma-separated POLICY=HASH pairs of the policies the run read.
                t.column("policyVersions", .text).notNull()
                t.column("inputsHash", .text).notNull()
                // The inputs as canonical JSON, so the run can be recomputed bit for bit.
                t.column("inputs", .blob).notNull()
                t.column("totalFen", .integer).notNull()
                t.column("lineCount", .integer).notNull()
                // Comma-separated ids of the approved runs an adjustment corrects.
                t.column("adjusts", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("approvedAt", .text)
                t.column("approvedBy", .text)
            }
            try db.create(index: "rewardRun_period", on: "rewardRun", columns: ["period", "status"])
            try db.create(table: "rewardLine") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("rewardRun", onDelete: .cascade).notNull()
                t.column("tenantId", .integer).notNull()
                t.column("creditCode", .text).notNull()
                t.column("tenantName", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("period", .text).notNull()
                t.column("amountFen", .integer).notNull()
                t.column("explanation", .text)
            }
            // Approved runs are immutable, whatever writes to the file.
            try db.execute(sql: """
                CREATE TRIGGER rewardRun_approvedUnchanged BEFORE UPDATE ON rewardRun WHEN OLD.status = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved reward run cannot be changed'); END;
                CREATE TRIGGER rewardRun_approvedKept BEFORE DELETE ON rewardRun WHEN OLD.status = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved reward run cannot be deleted'); END;
                CREATE TRIGGER rewardLine_approvedUnchanged BEFORE UPDATE ON rewardLine
                WHEN (SELECT status FROM rewardRun WHERE id = OLD.rewardRunId) = 'approved'
                BEGIN SELECT RAISE(ABORT, 'a line of an approved reward run cannot be changed'); END;
                CREATE TRIGGER rewardLine_approvedKept BEFORE DELETE ON rewardLine
                WHEN (SELECT status FROM rewardRun WHERE id = OLD.rewardRunId) = 'approved'
                BEGIN SELECT RAISE(ABORT, 'a line of an approved reward run cannot be deleted'); END;
                CREATE TRIGGER rewardLine_approvedClosed BEFORE INSERT ON rewardLine
                WHEN (SELECT status FROM rewardRun WHERE id = NEW.rewardRunId) = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved reward run takes no new lines'); END;
                """)
        }
        migrator.registerMigration("v6-rewardAmountsOnce") { db in
            // A line is a first amount (regular) or a difference from approved amounts
            // (adjustment). Lines of the adjustment runs stored so far are differences.
            try db.execute(sql: """
                ALTER TABLE rewardLine ADD COLUMN kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'adjustment'));
                DROP TRIGGER rewardLine_approvedUnchanged;
                UPDATE rewardLine SET kind = 'adjustment' WHERE rewardRunId IN (SELECT id FROM rewardRun WHERE kind = 'adjustment');
                CREATE TRIGGER rewardLine_approvedUnchanged BEFORE UPDATE ON rewardLine
                WHEN (SELECT status FROM rewardRun WHERE id = OLD.rewardRunId) = 'approved'
                BEGIN SELECT RAISE(ABORT, 'a line of an approved reward run cannot be changed'); END;
                """)
            try db.create(index: "rewardLine_once", on: "rewardLine", columns: ["rewardRunId", "tenantId", "rule", "period"], unique: true)
            try db.create(index: "rewardLine_amount", on: "rewardLine", columns: ["tenantId", "rule", "period"])
            // An amount is approved once: a run whose first amount for a tenant, rule and period
            // meets any approved amount for the same is refused, whatever wrote to the file.
            try db.execute(sql: """
                CREATE TRIGGER rewardRun_firstAmountOnce BEFORE UPDATE OF status ON rewardRun
                WHEN NEW.status = 'approved' AND OLD.status <> 'approved' AND EXISTS (
                  SELECT 1 FROM rewardLine AS first
                  JOIN rewardLine AS earlier ON earlier.tenantId = first.tenantId AND earlier.rule = first.rule
                    AND earlier.period = first.period AND earlier.rewardRunId <> first.rewardRunId
                  JOIN rewardRun AS earlierRun ON earlierRun.id = earlier.rewardRunId AND earlierRun.status = 'approved'
                  WHERE first.rewardRunId = NEW.id AND first.kind = 'regular')
                BEGIN SELECT RAISE(ABORT, 'a first amount for this tenant, rule and period was already approved'); END;
                """)
        }
        migrator.registerMigration("v7-auditIdsPositive") { db in
            // The chain starts at entry 1: an entry with an id of 0 or less would sit before it,
            // where a check that starts from the first entry must still see it.
            try db.execute(sql: """
                CREATE TRIGGER auditEntry_idPositive BEFORE INSERT ON auditEntry
                WHEN NEW.id IS NOT NULL AND NEW.id <= 0
                BEGIN SELECT RAISE(ABORT, 'an audit entry id is 1 or more'); END;
                CREATE TRIGGER auditEntry_idUnchanged BEFORE UPDATE OF id ON auditEntry
                WHEN NEW.id <> OLD.id
                BEGIN SELECT RAISE(ABORT, 'an audit entry keeps its id'); END;
                """)
        }
        migrator.registerMigration("v8-applications") { db in
            // Applications to enter the park, as submitted, with their prescreen.
            try db.create(table: "application") { t in
                t.autoIncrementedPrimaryKey("id")
                // Nil when the credit code is not valid: the registry cannot hold the firm.
                t.belongsTo("tenant")
                // As given (spaces and hyphens removed, upper case), valid or not.
                t.column("creditCode", .text).notNull().indexed()
                t.column("name", .text).notNull()
                // Comma-separated business lines, in the industry chain's order.
                t.column("businessLines", .text).notNull()
                t.column("origin", .text).notNull()
                // Comma-separated tags, sorted.
                t.column("tags", .text).notNull()
                t.column("contactPerson", .text)
                t.column("contactPhone", .text)
                t.column("dispatchLicence", .text)
                t.column("hrServiceLicence", .text)
                t.column("registeredCapitalFen", .integer).notNull()
                t.column("headcount", .integer).notNull()
                t.column("plannedOfficeAreaCenti", .integer).notNull()
                t.column("expectedAnnualRevenueFen", .integer).notNull()
                t.column("expectedAnnualTaxFen", .integer).notNull()
                t.column("legalRepresentative", .text).notNull()
                t.column("groupParent", .text)
                t.column("appliedOn", .text).notNull()
                t.column("status", .text).notNull()
                t.column("withdrawnOn", .text)
                t.column("withdrawalReason", .text)
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            // A firm has one open application at most, whatever writes to the file.
            try db.execute(sql: "CREATE UNIQUE INDEX application_openOnce ON application(creditCode) WHERE status = 'awaitingReview'")
            try db.create(table: "applicationShareholder") { t in
                t.belongsTo("application", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("shareBasisPoints", .integer).notNull()
                t.primaryKey(["applicationId", "position"])
            }
            try db.create(table: "applicationStatement") { t in
                t.belongsTo("application", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["applicationId", "position"])
            }
            // The prescreen's checks, one per criterion applied; never changed once written.
            try db.create(table: "applicationCheck") { t in
                t.belongsTo("application", onDelete: .cascade).notNull()
                t.column("criterion", .text).notNull()
                t.column("passed", .boolean).notNull()
                t.column("reason", .text).notNull()
                t.primaryKey(["applicationId", "criterion"])
            }
            try db.execute(sql: """
                CREATE TRIGGER applicationCheck_kept BEFORE UPDATE ON applicationCheck
                BEGIN SELECT RAISE(ABORT, 'a prescreen check cannot be changed'); END;
                """)
            // The park's blocklist; a removed entry is kept, with who removed it and why.
            try db.create(table: "blocklistEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("creditCode", .text).notNull()
                t.column("name", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("listedOn", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("removedAt", .text)
                t.column("removedBy", .text)
                t.column("removalReason", .text)
            }
            try db.execute(sql: "CREATE UNIQUE INDEX blocklistEntry_listedOnce ON blocklistEntry(creditCode) WHERE removedAt IS NULL")
        }
        migrator.registerMigration("v8-reviewSessions") { db in
            // Entry review meetings, their agendas and their panels.
            try db.create(table: "reviewSession") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("heldOn", .text).notNull()
                t.column("venue", .text).notNull()
                t.column("chair", .text).notNull()
                t.column("status", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("createdBy", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            try db.create(table: "reviewAgendaItem") { t in
                t.belongsTo("reviewSession", onDelete: .cascade).notNull()
                t.belongsTo("application").notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["reviewSessionId", "applicationId"])
            }
            try db.create(index: "reviewAgendaItem_application", on: "reviewAgendaItem", columns: ["applicationId"])
            try db.create(table: "reviewPanelMember") { t in
                t.belongsTo("reviewSession", onDelete: .cascade).notNull()
                // The reviewer's uid, as the socket's peer credentials give it, and name.
                t.column("uid", .integer).notNull()
                t.column("userName", .text).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["reviewSessionId", "uid"])
            }
            try db.create(index: "reviewPanelMember_uid", on: "reviewPanelMember", columns: ["uid"])
        }
        migrator.registerMigration("v8-reviewConflicts") { db in
            // Conflicts of interest: the ties reviewers declare, the conflicts they declare for an
            // applicant, and the administrators' dismissals of detected ones. Nothing is edited:
            // every row is kept as written.
            try db.create(table: "reviewerAffiliation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uid", .integer).notNull().indexed()
                t.column("userName", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("party", .text).notNull()
                t.column("until", .text)
                t.column("declaredAt", .text).notNull()
                t.column("declaredBy", .text).notNull()
            }
            try db.create(table: "reviewConflictDeclaration") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("application").notNull()
                t.column("uid", .integer).notNull()
                t.column("userName", .text).notNull()
                t.column("type", .text).notNull()
                t.column("note", .text)
                t.column("declaredAt", .text).notNull()
                t.column("declaredBy", .text).notNull()
            }
            try db.create(index: "reviewConflictDeclaration_pair", on: "reviewConflictDeclaration", columns: ["applicationId", "uid"])
            try db.create(table: "reviewConflictDismissal") { t in
                t.belongsTo("application").notNull()
                t.column("uid", .integer).notNull()
                t.column("reason", .text).notNull()
                t.column("dismissedAt", .text).notNull()
                t.column("dismissedBy", .text).notNull()
                t.primaryKey(["applicationId", "uid"])
            }
            try db.execute(sql: """
                CREATE TRIGGER reviewConflictDismissal_kept BEFORE UPDATE ON reviewConflictDismissal
                BEGIN SELECT RAISE(ABORT, 'a dismissal is never edited'); END;
                CREATE TRIGGER reviewConflictDeclaration_kept BEFORE UPDATE ON reviewConflictDeclaration
                BEGIN SELECT RAISE(ABORT, 'a declared conflict is never edited'); END;
                """)
        }
        migrator.registerMigration("v8-reviewSheets") { db in
            // Blind scoring and close. A sheet and a dissent are never edited: an amendment is a
            // new version, and none is written once the session is closed. The scoring rules are
            // fixed on a session at its first sheet. The results are written once, at close.
            try db.create(table: "reviewScoringRules") { t in
                t.belongsTo("reviewSession").notNull()
                t.primaryKey(["reviewSessionId"])
                // JSON: [{"name":…,"weightHalfPoints":…}] and [{"name":…,"description":…}].
                t.column("criteria", .text).notNull()
                t.column("vetoes", .text).notNull()
                t.column("thresholdHundredths", .integer).notNull()
                t.column("fixedAt", .text).notNull()
            }
            for table in ["reviewSheet", "reviewDissent"] {
                try db.create(table: table) { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.belongsTo("reviewSession").notNull()
                    t.belongsTo("application").notNull()
                    t.column("uid", .integer).notNull()
                    t.column("userName", .text).notNull()
                    t.column("version", .integer).notNull()
                    if table == "reviewSheet" {
                        // JSON: {"criterion": half-points, …}.
                        t.column("scores", .text).notNull()
                        t.column("vetoItem", .text)
                        t.column("vetoReason", .text)
                    } else {
                        t.column("text", .text).notNull()
                    }
                    // Revealed at close: the audit entry holds SHA-256(salt, sheet), the commitment.
                    t.column("salt", .text).notNull()
                    t.column("commitment", .text).notNull()
                    t.column("submittedAt", .text).notNull()
                    t.uniqueKey(["reviewSessionId", "applicationId", "uid", "version"])
                }
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_neverChanged BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'a review sheet or dissent is never changed: an amendment is a new version'); END;
                    CREATE TRIGGER \(table)_neverDeleted BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'a review sheet or dissent is never deleted'); END;
                    CREATE TRIGGER \(table)_closed BEFORE INSERT ON \(table)
                    WHEN (SELECT status FROM reviewSession WHERE id = NEW.reviewSessionId) IS NOT 'open'
                    BEGIN SELECT RAISE(ABORT, 'the session is closed: its sheets are final'); END;
                    """)
            }
            try db.create(table: "reviewResult") { t in
                t.belongsTo("reviewSession").notNull()
                t.belongsTo("application").notNull()
                t.column("eligible", .integer).notNull()
                // JSON: the ids of the sheet versions that counted, and of the two dropped.
                t.column("countedSheets", .text).notNull()
                t.column("droppedSheets", .text).notNull()
                // Null when the application was withdrawn before the close.
                t.column("scoreHundredths", .integer)
                t.column("outcome", .text).notNull()
                t.column("closedAt", .text).notNull()
                t.primaryKey(["reviewSessionId", "applicationId"])
            }
            try db.execute(sql: """
                CREATE TRIGGER reviewScoringRules_fixed BEFORE UPDATE ON reviewScoringRules
                BEGIN SELECT RAISE(ABORT, 'the scoring rules of a session are fixed at its first sheet'); END;
                CREATE TRIGGER reviewScoringRules_kept BEFORE DELETE ON reviewScoringRules
                BEGIN SELECT RAISE(ABORT, 'the scoring rules of a session are fixed at its first sheet'); END;
                CREATE TRIGGER reviewResult_final BEFORE UPDATE ON reviewResult
                BEGIN SELECT RAISE(ABORT, 'a review result is final'); END;
                CREATE TRIGGER reviewResult_kept BEFORE DELETE ON reviewResult
                BEGIN SELECT RAISE(ABORT, 'a review result is final'); END;
                CREATE TRIGGER reviewResult_once BEFORE INSERT ON reviewResult
                WHEN (SELECT status FROM reviewSession WHERE id = NEW.reviewSessionId) IS NOT 'open'
                BEGIN SELECT RAISE(ABORT, 'the session is closed: its results are final'); END;
                CREATE TRIGGER reviewSession_closedFinal BEFORE UPDATE ON reviewSession WHEN OLD.status = 'closed'
                BEGIN SELECT RAISE(ABORT, 'a closed review session is final'); END;
                CREATE TRIGGER reviewSession_closedKept BEFORE DELETE ON reviewSession WHEN OLD.status = 'closed'
                BEGIN SELECT RAISE(ABORT, 'a closed review session is final'); END;
                CREATE TRIGGER reviewPanelMember_closedAdd BEFORE INSERT ON reviewPanelMember
                WHEN (SELECT status FROM reviewSession WHERE id = NEW.reviewSessionId) IS NOT 'open'
                BEGIN SELECT RAISE(ABORT, 'a closed review session is final'); END;
                CREATE TRIGGER reviewPanelMember_closedRemove BEFORE DELETE ON reviewPanelMember
                WHEN (SELECT status FROM reviewSession WHERE id = OLD.reviewSessionId) IS NOT 'open'
                BEGIN SELECT RAISE(ABORT, 'a closed review session is final'); END;
                CREATE TRIGGER reviewPanelMember_closedChange BEFORE UPDATE ON reviewPanelMember
                WHEN (SELECT status FROM reviewSession WHERE id = OLD.reviewSessionId) IS NOT 'open'
                BEGIN SELECT RAISE(ABORT, 'a closed review session is final'); END;
                """)
        }
        migrator.registerMigration("v9-timerRuns") { db in
            // Every run of a scheduled job, skipped ones included: what the timer history shows,
            // and where a persistent timer's last trigger is read back after a restart.
            try db.create(table: "timerRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("timer", .text).notNull()
                t.column("action", .text).notNull()
                t.column("arguments", .text).notNull()
                t.column("trigger", .text).notNull().check { ["elapse", "catch-up", "run-now"].contains($0) }
                t.column("elapse", .text)
                t.column("movedFrom", .text)
                t.column("startedAt", .text).notNull()
                t.column("startedAtMicros", .integer).notNull()
                t.column("endedAt", .text)
                t.column("outcome", .text).notNull()
                    .check { ["running", "succeeded", "failed", "skipped", "interrupted"].contains($0) }
                t.column("result", .text).notNull()
                t.column("details", .text).notNull()
            }
            try db.create(index: "timerRun_timer", on: "timerRun", columns: ["timer", "id"])
        }
        migrator.registerMigration("v10-events") { db in
            try db.create(table: "parkEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("title", .text).notNull()
                t.column("description", .text)
                t.column("timeZone", .text).notNull()
                t.column("startLocal", .text).notNull()
                t.column("endLocal", .text).notNull()
                t.column("startsAt", .integer).notNull().indexed()
                t.column("endsAt", .integer).notNull()
                t.column("venue", .text)
                t.column("link", .text)
                t.belongsTo("organiser", inTable: "tenant")
                t.column("capacity", .integer).notNull().check { $0 >= 0 }
                t.column("perFirmLimit", .integer)
                t.column("registrationOpensLocal", .text)
                t.column("registrationOpensAt", .integer)
                t.column("registrationClosesLocal", .text)
                t.column("registrationClosesAt", .integer)
                t.column("cancelledAt", .text)
                t.column("cancelReason", .text)
                t.column("sequence", .integer).notNull()
                // How it repeats (JSON), nil for a single event; when its last occurrence ends.
                t.column("recurrence", .text)
                t.column("lastEndsAt", .integer).notNull()
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
            }
            // Every occurrence of every event (a single event has one), as its rule gave them
            // when it was last written: registrations and outcomes belong to one of them.
            try db.create(table: "eventOccurrence") { t in
                t.belongsTo("event", inTable: "parkEvent", onDelete: .cascade).notNull()
                t.column("day", .text).notNull()
                t.column("startLocal", .text).notNull()
                t.column("endLocal", .text).notNull()
                t.column("startsAt", .integer).notNull()
                t.column("endsAt", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("changed", .boolean).notNull()
                t.primaryKey(["eventId", "day"])
            }
            try db.create(table: "eventRegistration") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("event", inTable: "parkEvent").notNull()
                t.column("occurrence", .text).notNull()
                t.belongsTo("tenant").notNull()
                t.column("places", .integer).notNull().check { $0 >= 1 }
                t.column("positions", .integer).notNull()
                t.column("roles", .text).notNull()
                t.column("status", .text).notNull().check { ["registered", "waiting", "cancelled"].contains($0) }
                t.column("joinedAt", .text).notNull()
                t.column("promotedAt", .text)
                t.column("promotion", .text)
                t.column("cancelledAt", .text)
                t.column("cancelReason", .text)
            }
            try db.create(table: "eventOutcome") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("event", inTable: "parkEvent").notNull()
                t.column("occurrence", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("isCurrent", .boolean).notNull()
                t.column("employers", .integer).notNull()
                t.column("positions", .integer).notNull()
                t.column("jobSeekers", .integer).notNull()
                t.column("attendees", .integer).notNull()
                t.column("talks", .integer).notNull()
                t.column("exhibitors", .integer).notNull()
                t.column("reason", .text)
                t.column("recordedAt", .text).notNull()
                t.column("recordedBy", .text).notNull()
                t.uniqueKey(["eventId", "occurrence", "version"])
            }
            try db.create(index: "eventRegistration_occurrence", on: "eventRegistration", columns: ["eventId", "occurrence", "status"])
            // Never oversold, whatever writes to the file: the places registered for an
            // occurrence stay within the event's capacity.
            try db.execute(sql: """
                CREATE TRIGGER eventRegistration_withinCapacity BEFORE INSERT ON eventRegistration WHEN NEW.status = 'registered'
                  AND (SELECT COALESCE(SUM(places), 0) FROM eventRegistration
                       WHERE eventId = NEW.eventId AND occurrence = NEW.occurrence AND status = 'registered') + NEW.places
                      > (SELECT capacity FROM parkEvent WHERE id = NEW.eventId)
                BEGIN SELECT RAISE(ABORT, 'the places registered would exceed the event''s capacity'); END;
                CREATE TRIGGER eventRegistration_promotedWithinCapacity BEFORE UPDATE OF status ON eventRegistration
                WHEN NEW.status = 'registered' AND OLD.status <> 'registered'
                  AND (SELECT COALESCE(SUM(places), 0) FROM eventRegistration
                       WHERE eventId = NEW.eventId AND occurrence = NEW.occurrence AND status = 'registered') + NEW.places
                      > (SELECT capacity FROM parkEvent WHERE id = NEW.eventId)
                BEGIN SELECT RAISE(ABORT, 'the places registered would exceed the event''s capacity'); END;
                """)
        }
        migrator.registerMigration("v11-bankAccounts") { db in
            // A tenant's accounts, each from the day it takes effect; a change is a new row, and
            // the history is never rewritten.
            try db.execute(sql: """
                CREATE TABLE bankAccount (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  tenantId INTEGER NOT NULL REFERENCES tenant(id),
                  accountName TEXT NOT NULL,
                  bank TEXT NOT NULL,
                  accountNumber TEXT NOT NULL CHECK (length(accountNumber) BETWEEN 10 AND 30 AND accountNumber NOT GLOB '*[^0-9]*'),
                  effectiveFrom TEXT NOT NULL,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL,
                  UNIQUE (tenantId, effectiveFrom)
                );
                CREATE TRIGGER bankAccount_kept BEFORE DELETE ON bankAccount
                BEGIN SELECT RAISE(ABORT, 'a bank account is history: record a new one instead'); END;
                CREATE TRIGGER bankAccount_unchanged BEFORE UPDATE ON bankAccount
                BEGIN SELECT RAISE(ABORT, 'a bank account is history: record a new one instead'); END;
                """)
        }
        migrator.registerMigration("v11-payments") { db in
            try db.execute(sql: """
                CREATE TABLE rewardNotice (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  rewardRunId INTEGER NOT NULL UNIQUE REFERENCES rewardRun(id),
                  startsOn TEXT NOT NULL,
                  endsOn TEXT NOT NULL CHECK (endsOn >= startsOn),
                  workingDays INTEGER NOT NULL,
                  publishedAt TEXT NOT NULL,
                  publishedBy TEXT NOT NULL,
                  closedAt TEXT,
                  closedBy TEXT
                );
                CREATE TRIGGER rewardNotice_approvedRun BEFORE INSERT ON rewardNotice
                WHEN (SELECT status FROM rewardRun WHERE id = NEW.rewardRunId) IS NOT 'approved'
                BEGIN SELECT RAISE(ABORT, 'only an approved reward run is put on notice'); END;
                CREATE TRIGGER rewardNotice_closedOnce BEFORE UPDATE ON rewardNotice WHEN OLD.closedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a closed notice cannot be changed'); END;
                CREATE TRIGGER rewardNotice_kept BEFORE DELETE ON rewardNotice
                BEGIN SELECT RAISE(ABORT, 'a notice cannot be deleted'); END;

                CREATE TABLE noticeObjection (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  rewardNoticeId INTEGER NOT NULL REFERENCES rewardNotice(id),
                  rewardLineId INTEGER NOT NULL REFERENCES rewardLine(id),
                  objector TEXT NOT NULL,
                  grounds TEXT NOT NULL,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL,
                  resolution TEXT CHECK (resolution IN ('upheld', 'dismissed')),
                  reason TEXT,
                  resolvedAt TEXT,
                  resolvedBy TEXT,
                  CHECK ((resolution IS NULL) = (reason IS NULL))
                );
                CREATE INDEX noticeObjection_line ON noticeObjection(rewardLineId);
                CREATE TRIGGER noticeObjection_resolvedOnce BEFORE UPDATE ON noticeObjection WHEN OLD.resolution IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'an objection is resolved once'); END;

                CREATE TABLE rewardConfirmation (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  rewardLineId INTEGER NOT NULL UNIQUE REFERENCES rewardLine(id),
                  confirmedBy TEXT NOT NULL,
                  channel TEXT NOT NULL,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL
                );

                CREATE TABLE paymentBatch (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  status TEXT NOT NULL CHECK (status IN ('created', 'approved', 'cancelled')),
                  runs TEXT NOT NULL,
                  createdOn TEXT NOT NULL,
                  totalFen INTEGER NOT NULL CHECK (totalFen >= 0),
                  itemCount INTEGER NOT NULL,
                  createdAt TEXT NOT NULL,
                  createdBy TEXT NOT NULL,
                  createdByUid INTEGER NOT NULL,
                  approvedAt TEXT,
                  approvedBy TEXT,
                  approvedByUid INTEGER
                );
                -- Four eyes: whoever made a batch does not approve it, whatever writes to the file.
                CREATE TRIGGER paymentBatch_fourEyes BEFORE UPDATE OF status ON paymentBatch
                WHEN NEW.status = 'approved' AND (NEW.approvedByUid IS NULL OR NEW.approvedByUid = OLD.createdByUid)
                BEGIN SELECT RAISE(ABORT, 'a payment batch is approved by someone other than its creator'); END;
                CREATE TRIGGER paymentBatch_approvedKept BEFORE DELETE ON paymentBatch WHEN OLD.status = 'approved'
                BEGIN SELECT RAISE(ABORT, 'an approved payment batch cannot be deleted'); END;

                CREATE TABLE paymentItem (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  paymentBatchId INTEGER NOT NULL REFERENCES paymentBatch(id),
                  rewardLineId INTEGER NOT NULL REFERENCES rewardLine(id),
                  tenantId INTEGER NOT NULL,
                  bankAccountId INTEGER NOT NULL REFERENCES bankAccount(id),
                  accountName TEXT NOT NULL,
                  bank TEXT NOT NULL,
                  accountNumber TEXT NOT NULL,
                  grossFen INTEGER NOT NULL CHECK (grossFen > 0),
                  amountFen INTEGER NOT NULL CHECK (amountFen >= 0),
                  purpose TEXT NOT NULL,
                  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
                  reason TEXT,
                  resultOn TEXT,
                  resultAt TEXT,
                  resultBy TEXT
                );
                CREATE INDEX paymentItem_batch ON paymentItem(paymentBatchId);
                -- A line's payments, read for every line by the ledger and a new batch.
                CREATE INDEX paymentItem_line ON paymentItem(rewardLineId, status);
                -- A line is in at most one open batch, and paid at most once.
                CREATE UNIQUE INDEX paymentItem_openOnce ON paymentItem(rewardLineId) WHERE status = 'pending';
                CREATE UNIQUE INDEX paymentItem_paidOnce ON paymentItem(rewardLineId) WHERE status = 'paid';
                CREATE TRIGGER paymentItem_notPaidTwice BEFORE INSERT ON paymentItem
                WHEN EXISTS (SELECT 1 FROM paymentItem WHERE rewardLineId = NEW.rewardLineId AND status = 'paid')
                BEGIN SELECT RAISE(ABORT, 'this reward line was already paid'); END;
                CREATE TRIGGER paymentItem_approvedLine BEFORE INSERT ON paymentItem
                WHEN (SELECT rewardRun.status FROM rewardLine JOIN rewardRun ON rewardRun.id = rewardLine.rewardRunId
                      WHERE rewardLine.id = NEW.rewardLineId) IS NOT 'approved'
                  OR (SELECT amountFen FROM rewardLine WHERE id = NEW.rewardLineId) <> NEW.grossFen
                BEGIN SELECT RAISE(ABORT, 'a payment pays a line of an approved run, its whole amount'); END;
                CREATE TRIGGER paymentItem_final BEFORE UPDATE ON paymentItem WHEN OLD.status <> 'pending'
                BEGIN SELECT RAISE(ABORT, 'a paid or failed payment is final'); END;
                CREATE TRIGGER paymentItem_sameLine BEFORE UPDATE OF rewardLineId, paymentBatchId, grossFen, amountFen ON paymentItem
                BEGIN SELECT RAISE(ABORT, 'a payment keeps its line, batch and amounts'); END;
                CREATE TRIGGER paymentItem_kept BEFORE DELETE ON paymentItem WHEN OLD.status <> 'pending'
                BEGIN SELECT RAISE(ABORT, 'a paid or failed payment cannot be deleted'); END;

                CREATE TABLE paymentOffset (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  paymentItemId INTEGER NOT NULL REFERENCES paymentItem(id),
                  receivableLineId INTEGER NOT NULL REFERENCES rewardLine(id),
                  amountFen INTEGER NOT NULL CHECK (amountFen > 0)
                );
                CREATE INDEX paymentOffset_item ON paymentOffset(paymentItemId);
                CREATE INDEX paymentOffset_receivable ON paymentOffset(receivableLineId);
                """)
        }
        migrator.registerMigration("v12-auditKeys") { db in
            // The key that sealed an entry (an HMAC under a key the database does not hold);
            // entries written before have none and keep their plain SHA-256.
            try db.execute(sql: "ALTER TABLE auditEntry ADD COLUMN keyId TEXT")
        }
        migrator.registerMigration("v13-tenantKeys") { db in
            // Tenants' Ed25519 public keys, which authenticate their submissions. Only public
            // keys are stored; a key belongs to one tenant, and a revoked key stays revoked.
            try db.execute(sql: """
                CREATE TABLE tenantKey (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  tenantId INTEGER NOT NULL REFERENCES tenant(id),
                  keyId TEXT NOT NULL UNIQUE,
                  publicKey TEXT NOT NULL UNIQUE,
                  label TEXT NOT NULL,
                  origin TEXT NOT NULL CHECK (origin IN ('added', 'issued')),
                  addedAt TEXT NOT NULL,
                  addedBy TEXT NOT NULL,
                  revokedAt TEXT,
                  revokedBy TEXT,
                  revokeReason TEXT
                );
                CREATE INDEX tenantKey_tenant ON tenantKey(tenantId);
                CREATE TRIGGER tenantKey_kept BEFORE UPDATE OF tenantId, keyId, publicKey, origin ON tenantKey
                BEGIN SELECT RAISE(ABORT, 'a tenant key is never changed, only revoked'); END;
                CREATE TRIGGER tenantKey_revokedFinal BEFORE UPDATE ON tenantKey WHEN OLD.revokedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a revoked tenant key stays revoked'); END;
                CREATE TRIGGER tenantKey_notDeleted BEFORE DELETE ON tenantKey
                BEGIN SELECT RAISE(ABORT, 'a tenant key is revoked, never deleted'); END;
                """)
        }
        migrator.registerMigration("v14-reviewNotices") { db in
            // The public notice of a closed review session's results, the objections raised
            // during it, and the final decisions. A decision is never edited or deleted: a
            // correction is a new decision that supersedes it, with its reason.
            try db.execute(sql: """
                CREATE TABLE reviewNotice (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  reviewSessionId INTEGER NOT NULL UNIQUE REFERENCES reviewSession(id),
                  startsOn TEXT NOT NULL,
                  endsOn TEXT NOT NULL,
                  workingDays INTEGER NOT NULL,
                  publishedAt TEXT NOT NULL,
                  publishedBy TEXT NOT NULL,
                  closedAt TEXT,
                  closedBy TEXT
                );
                CREATE TRIGGER reviewNotice_period BEFORE UPDATE OF reviewSessionId, startsOn, endsOn, workingDays ON reviewNotice
                BEGIN SELECT RAISE(ABORT, 'a review notice keeps its session and period'); END;
                CREATE TRIGGER reviewNotice_closedFinal BEFORE UPDATE ON reviewNotice WHEN OLD.closedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a closed review notice is final'); END;
                CREATE TRIGGER reviewNotice_kept BEFORE DELETE ON reviewNotice
                BEGIN SELECT RAISE(ABORT, 'a review notice is never deleted'); END;

                CREATE TABLE reviewObjection (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  reviewNoticeId INTEGER NOT NULL REFERENCES reviewNotice(id),
                  applicationId INTEGER NOT NULL REFERENCES application(id),
                  objector TEXT NOT NULL,
                  grounds TEXT NOT NULL,
                  evidence TEXT,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL,
                  resolution TEXT CHECK (resolution IN ('upheld', 'dismissed')),
                  reason TEXT,
                  resolvedAt TEXT,
                  resolvedBy TEXT
                );
                CREATE INDEX reviewObjection_application ON reviewObjection(applicationId);
                CREATE TRIGGER reviewObjection_kept BEFORE UPDATE OF reviewNoticeId, applicationId, objector, grounds, evidence, recordedAt, recordedBy
                ON reviewObjection
                BEGIN SELECT RAISE(ABORT, 'an objection is kept as recorded'); END;
                CREATE TRIGGER reviewObjection_resolvedFinal BEFORE UPDATE ON reviewObjection WHEN OLD.resolution IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a resolved objection is final'); END;
                CREATE TRIGGER reviewObjection_notDeleted BEFORE DELETE ON reviewObjection
                BEGIN SELECT RAISE(ABORT, 'an objection is never deleted'); END;

                CREATE TABLE reviewDecision (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  applicationId INTEGER NOT NULL REFERENCES application(id),
                  reviewSessionId INTEGER NOT NULL REFERENCES reviewSession(id),
                  tenantId INTEGER REFERENCES tenant(id),
                  verdict TEXT NOT NULL CHECK (verdict IN ('approved', 'rejected')),
                  outcome TEXT NOT NULL,
                  scoreHundredths INTEGER NOT NULL,
                  -- JSON: the reasons, as strings.
                  reasons TEXT NOT NULL,
                  supersedes INTEGER UNIQUE REFERENCES reviewDecision(id),
                  decidedOn TEXT NOT NULL,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL
                );
                CREATE INDEX reviewDecision_application ON reviewDecision(applicationId);
                CREATE UNIQUE INDEX reviewDecision_firstOnce ON reviewDecision(applicationId, reviewSessionId) WHERE supersedes IS NULL;
                CREATE TRIGGER reviewDecision_neverEdited BEFORE UPDATE ON reviewDecision
                BEGIN SELECT RAISE(ABORT, 'a decision is never edited: a correction is a new decision that supersedes it'); END;
                CREATE TRIGGER reviewDecision_neverDeleted BEFORE DELETE ON reviewDecision
                BEGIN SELECT RAISE(ABORT, 'a decision is never deleted: a correction is a new decision that supersedes it'); END;
                """)
        }
        migrator.registerMigration("v14-onboarding") { db in
            // The onboarding checklist of an approved application: its items as the configuration
            // named them when the decision was made, each ticked once. An approved tenant with an
            // item open is not activated by its first lease; the last tick activates it.
            try db.execute(sql: """
                CREATE TABLE onboardingItem (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  applicationId INTEGER NOT NULL REFERENCES application(id),
                  tenantId INTEGER NOT NULL REFERENCES tenant(id),
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  description TEXT NOT NULL,
                  openedAt TEXT NOT NULL,
                  tickedOn TEXT,
                  tickedAt TEXT,
                  tickedBy TEXT,
                  UNIQUE (applicationId, name)
                );
                CREATE INDEX onboardingItem_tenant ON onboardingItem(tenantId);
                CREATE TRIGGER onboardingItem_kept BEFORE UPDATE OF applicationId, tenantId, position, name, description, openedAt ON onboardingItem
                BEGIN SELECT RAISE(ABORT, 'an onboarding item is kept as opened'); END;
                CREATE TRIGGER onboardingItem_tickedFinal BEFORE UPDATE ON onboardingItem WHEN OLD.tickedOn IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a ticked onboarding item is final'); END;
                CREATE TRIGGER onboardingItem_notDeleted BEFORE DELETE ON onboardingItem
                BEGIN SELECT RAISE(ABORT, 'an onboarding item is never deleted'); END;
                """)
        }
        migrator.registerMigration("v14-reviewAppeals") { db in
            // Appeals against final rejections: one per rejection decision, kept as filed, decided
            // once (accepted or refused, with a reason), never deleted.
            try db.execute(sql: """
                CREATE TABLE reviewAppeal (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  applicationId INTEGER NOT NULL REFERENCES application(id),
                  reviewDecisionId INTEGER NOT NULL UNIQUE REFERENCES reviewDecision(id),
                  ground TEXT NOT NULL CHECK (ground IN ('procedural-error', 'undisclosed-conflict', 'factual-error')),
                  text TEXT NOT NULL,
                  filedOn TEXT NOT NULL,
                  deadline TEXT NOT NULL,
                  recordedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL,
                  outcome TEXT CHECK (outcome IN ('accepted', 'refused')),
                  reason TEXT,
                  decidedAt TEXT,
                  decidedBy TEXT
                );
                CREATE INDEX reviewAppeal_application ON reviewAppeal(applicationId);
                CREATE TRIGGER reviewAppeal_kept BEFORE UPDATE OF applicationId, reviewDecisionId, ground, text, filedOn, deadline, recordedAt, recordedBy
                ON reviewAppeal
                BEGIN SELECT RAISE(ABORT, 'an appeal is kept as filed'); END;
                CREATE TRIGGER reviewAppeal_decidedFinal BEFORE UPDATE ON reviewAppeal WHEN OLD.outcome IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a decided appeal is final'); END;
                CREATE TRIGGER reviewAppeal_notDeleted BEFORE DELETE ON reviewAppeal
                BEGIN SELECT RAISE(ABORT, 'an appeal is never deleted'); END;
                """)
        }
        migrator.registerMigration("v14-reviewDecisionBreakdown") { db in
            // A decision keeps its score broken down: each criterion's mean over the sheets
            // that counted (JSON). Decisions recorded before it have none.
            try db.execute(sql: "ALTER TABLE reviewDecision ADD COLUMN breakdown TEXT NOT NULL DEFAULT '[]'")
        }
        migrator.registerMigration("v15-submissions") { db in
            // Tenants' submissions as decided: one per (tenant, submission id), so a resend is
            // answered with the receipt recorded here and never applied twice. The receipt's
            // content is committed with the effect; the row is never changed or deleted.
            try db.execute(sql: """
                CREATE TABLE submission (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  tenantId INTEGER NOT NULL REFERENCES tenant(id),
                  submissionId TEXT NOT NULL,
                  type TEXT NOT NULL,
                  channel TEXT NOT NULL CHECK (channel IN ('spool', 'staff')),
                  envelopeSha256 TEXT NOT NULL,
                  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
                  decidedAt TEXT NOT NULL,
                  recordedBy TEXT NOT NULL,
                  receipt TEXT NOT NULL
                );
                CREATE UNIQUE INDEX submission_tenantSubmissionId ON submission(tenantId, submissionId);
                CREATE INDEX submission_decidedAt ON submission(decidedAt);
                CREATE TRIGGER submission_kept BEFORE UPDATE ON submission
                BEGIN SELECT RAISE(ABORT, 'a submission is recorded once and never changed'); END;
                CREATE TRIGGER submission_notDeleted BEFORE DELETE ON submission
                BEGIN SELECT RAISE(ABORT, 'a submission is never deleted'); END;
                """)
        }
        migrator.registerMigration("v16-compactExplanations") { db in
            // Lines keep their explanation as compact typed steps (`CompactExplanation`),
            // formatted when shown; lines stored before keep theirs as JSON in `explanation`.
            try db.execute(sql: "ALTER TABLE rewardLine ADD COLUMN compactExplanation BLOB")
        }
        migrator.registerMigration("v17-timerStamps") { db in
            // When each persistent timer was first started, as systemd's stamp file of a timer
            // that has never run: elapses missed while parkd is down after it are caught up.
            try db.create(table: "timerStamp") { t in
                t.primaryKey("timer", .text)
                t.column("stampedAt", .text).notNull()
                t.column("stampedAtMicros", .integer).notNull()
            }
        }
        migrator.registerMigration("v18-reportWithdrawals") { db in
            // A report filed in error is withdrawn by a version of its own, which keeps the
            // figures it took out of force and is never in force itself.
            try db.execute(sql: """
                ALTER TABLE operatingReport ADD COLUMN withdrawn BOOLEAN NOT NULL DEFAULT 0 CHECK (NOT (withdrawn AND isCurrent))
                """)
        }
        migrator.registerMigration("v19-dismissalScope") { db in
            // A dismissal covers the conflicts detected when it was made (JSON, each as
            // `DetectedConflict.key`); one detected later stands. NULL: made before, covering
            // whatever is detected, as it did.
            try db.execute(sql: "ALTER TABLE reviewConflictDismissal ADD COLUMN covered TEXT")
        }
        migrator.registerMigration("v20-applicationDecided") { db in
            // An application reviewed stands as the verdict of the final decision in force
            // (`standingDecision`: the latest not superseded, unless an appeal against a decision
            // of its session was accepted); it had stayed awaitingReview.
            try db.execute(sql: """
                WITH latest AS (
                  SELECT d.id, d.applicationId, d.reviewSessionId, d.verdict FROM reviewDecision AS d
                  WHERE d.id = (SELECT MAX(e.id) FROM reviewDecision AS e
                                WHERE e.applicationId = d.applicationId AND NOT EXISTS (SELECT 1 FROM reviewDecision AS s WHERE s.supersedes = e.id))
                ), standing AS (
                  SELECT applicationId, verdict FROM latest
                  WHERE NOT EXISTS (SELECT 1 FROM reviewAppeal AS a JOIN reviewDecision AS r ON r.id = a.reviewDecisionId
                                    WHERE r.applicationId = latest.applicationId AND r.reviewSessionId = latest.reviewSessionId
                                      AND a.outcome = 'accepted')
                )
                UPDATE application SET status = (SELECT verdict FROM standing WHERE standing.applicationId = application.id)
                WHERE status = 'awaitingReview' AND id IN (SELECT applicationId FROM standing)
                """)
        }
        migrator.registerMigration("v21-paymentGuards") { db in
            // What the four-eyes trigger of v11 left open to whoever writes the file: a batch
            // made approved, its maker or approver rewritten, a payment settled in a batch never
            // approved or redirected to another account, offsets added or taken away after the
            // batch was made. Each is refused by the database as the code refuses it.
            try db.execute(sql: """
                CREATE TRIGGER paymentBatch_madeUnapproved BEFORE INSERT ON paymentBatch
                WHEN NEW.status <> 'created' OR NEW.approvedAt IS NOT NULL OR NEW.approvedBy IS NOT NULL OR NEW.approvedByUid IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a payment batch is made unapproved: someone other than its creator approves it'); END;
                CREATE TRIGGER paymentBatch_makerKept BEFORE UPDATE OF createdAt, createdBy, createdByUid ON paymentBatch
                WHEN NEW.createdAt IS NOT OLD.createdAt OR NEW.createdBy IS NOT OLD.createdBy OR NEW.createdByUid IS NOT OLD.createdByUid
                BEGIN SELECT RAISE(ABORT, 'a payment batch keeps who made it'); END;
                CREATE TRIGGER paymentBatch_approvedOnce BEFORE UPDATE OF approvedAt, approvedBy, approvedByUid ON paymentBatch
                WHEN OLD.status <> 'created' OR NEW.status <> 'approved' OR NEW.approvedByUid IS NULL OR NEW.approvedByUid = NEW.createdByUid
                BEGIN SELECT RAISE(ABORT, 'a payment batch is approved once, by someone other than its creator'); END;
                CREATE TRIGGER paymentBatch_statusFinal BEFORE UPDATE OF status ON paymentBatch WHEN OLD.status <> 'created'
                BEGIN SELECT RAISE(ABORT, 'an approved or cancelled payment batch keeps its status'); END;

                CREATE TRIGGER paymentItem_intoBatchBeingMade BEFORE INSERT ON paymentItem
                WHEN NEW.status <> 'pending' OR (SELECT status FROM paymentBatch WHERE id = NEW.paymentBatchId) IS NOT 'created'
                  OR NEW.tenantId IS NOT (SELECT tenantId FROM rewardLine WHERE id = NEW.rewardLineId)
                  OR NOT EXISTS (SELECT 1 FROM bankAccount WHERE id = NEW.bankAccountId AND tenantId = NEW.tenantId
                                 AND accountName = NEW.accountName AND bank = NEW.bank AND accountNumber = NEW.accountNumber)
                BEGIN SELECT RAISE(ABORT, 'a payment is made pending, in a batch being made, for its line''s tenant, into an account of that tenant''s as recorded'); END;
                CREATE TRIGGER paymentItem_accountKept BEFORE UPDATE OF tenantId, bankAccountId, accountName, bank, accountNumber, purpose ON paymentItem
                BEGIN SELECT RAISE(ABORT, 'a payment keeps the tenant and account its batch was made with'); END;
                CREATE TRIGGER paymentItem_settledWhenApproved BEFORE UPDATE OF status ON paymentItem
                WHEN NEW.status <> 'pending' AND (SELECT status FROM paymentBatch WHERE id = NEW.paymentBatchId) IS NOT 'approved'
                BEGIN SELECT RAISE(ABORT, 'a payment is paid or failed only in an approved batch'); END;
                CREATE TRIGGER paymentItem_leavesOnlyABatchBeingMade BEFORE DELETE ON paymentItem
                WHEN (SELECT status FROM paymentBatch WHERE id = OLD.paymentBatchId) IS NOT 'created'
                BEGIN SELECT RAISE(ABORT, 'a payment leaves only a batch not yet approved (cancelled)'); END;

                CREATE TRIGGER paymentOffset_whileMade BEFORE INSERT ON paymentOffset
                WHEN (SELECT b.status FROM paymentItem AS i JOIN paymentBatch AS b ON b.id = i.paymentBatchId WHERE i.id = NEW.paymentItemId) IS NOT 'created'
                  OR (SELECT amountFen FROM rewardLine WHERE id = NEW.receivableLineId) >= 0
                  OR (SELECT tenantId FROM rewardLine WHERE id = NEW.receivableLineId) IS NOT (SELECT tenantId FROM paymentItem WHERE id = NEW.paymentItemId)
                  OR NEW.amountFen + (SELECT COALESCE(SUM(amountFen), 0) FROM paymentOffset WHERE paymentItemId = NEW.paymentItemId)
                     > (SELECT grossFen - amountFen FROM paymentItem WHERE id = NEW.paymentItemId)
                BEGIN SELECT RAISE(ABORT, 'an offset is taken as its batch is made, against a receivable of the same tenant, within what the payment holds back'); END;
                CREATE TRIGGER paymentOffset_kept BEFORE UPDATE ON paymentOffset
                BEGIN SELECT RAISE(ABORT, 'an offset is kept as taken'); END;
                CREATE TRIGGER paymentOffset_leavesOnlyABatchBeingMade BEFORE DELETE ON paymentOffset
                WHEN (SELECT b.status FROM paymentItem AS i JOIN paymentBatch AS b ON b.id = i.paymentBatchId WHERE i.id = OLD.paymentItemId) IS NOT 'created'
                BEGIN SELECT RAISE(ABORT, 'an offset leaves only a batch not yet approved (cancelled)'); END;
                """)
        }
        migrator.registerMigration("v22-cancelledPaymentItems") { db in
            // What a batch held when it was cancelled, kept for the record: its items leave
            // paymentItem (their lines are released for the next batch), a copy of each stays
            // here, taken as the batch is cancelled and never changed.
            try db.execute(sql: """
                CREATE TABLE cancelledPaymentItem (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  paymentBatchId INTEGER NOT NULL REFERENCES paymentBatch(id),
                  rewardLineId INTEGER NOT NULL REFERENCES rewardLine(id),
                  tenantId INTEGER NOT NULL,
                  bankAccountId INTEGER NOT NULL REFERENCES bankAccount(id),
                  accountName TEXT NOT NULL,
                  bank TEXT NOT NULL,
                  accountNumber TEXT NOT NULL,
                  grossFen INTEGER NOT NULL CHECK (grossFen > 0),
                  offsetFen INTEGER NOT NULL CHECK (offsetFen >= 0),
                  amountFen INTEGER NOT NULL CHECK (amountFen >= 0),
                  purpose TEXT NOT NULL
                );
                CREATE INDEX cancelledPaymentItem_batch ON cancelledPaymentItem(paymentBatchId);
                CREATE UNIQUE INDEX cancelledPaymentItem_once ON cancelledPaymentItem(paymentBatchId, rewardLineId);
                -- Kept as the batch is cancelled, in the same transaction: a batch that keeps items
                -- as cancelled is cancelled, and is never approved.
                CREATE TRIGGER paymentBatch_cancelledWhenItemsKept BEFORE UPDATE OF status ON paymentBatch
                WHEN NEW.status <> 'cancelled' AND EXISTS (SELECT 1 FROM cancelledPaymentItem WHERE paymentBatchId = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'a batch that keeps items as cancelled is cancelled'); END;
                CREATE TRIGGER cancelledPaymentItem_asCancelled BEFORE INSERT ON cancelledPaymentItem
                WHEN (SELECT status FROM paymentBatch WHERE id = NEW.paymentBatchId) IS NOT 'created'
                  OR NOT EXISTS (SELECT 1 FROM paymentItem WHERE paymentBatchId = NEW.paymentBatchId AND rewardLineId = NEW.rewardLineId
                                 AND grossFen = NEW.grossFen AND amountFen = NEW.amountFen)
                BEGIN SELECT RAISE(ABORT, 'a cancelled batch keeps the items it held as it is cancelled'); END;
                CREATE TRIGGER cancelledPaymentItem_kept BEFORE UPDATE ON cancelledPaymentItem
                BEGIN SELECT RAISE(ABORT, 'a cancelled batch''s items are kept as they were'); END;
                CREATE TRIGGER cancelledPaymentItem_notDeleted BEFORE DELETE ON cancelledPaymentItem
                BEGIN SELECT RAISE(ABORT, 'a cancelled batch''s items are never deleted'); END;
                """)
        }
        migrator.registerMigration("v23-timerRunAuditFrom") { db in
            // The newest audit entry when a run started: the changes its job saved are the
            // entries after it by its timer, whatever the clock did meanwhile.
            try db.execute(sql: "ALTER TABLE timerRun ADD COLUMN auditFrom INTEGER")
        }
        migrator.registerMigration("v24-paymentStanding") { db in
            // What v11 and v21 left to the code alone: that a payment pays a line its notice
            // released (closed, no objection open or upheld) and no more than its amount, that
            // a receivable is recovered at most once in all, and that an objection, which decides
            // whether a line is paid, stays recorded. Each is refused by the database as the code
            // refuses it.
            try db.execute(sql: """
                CREATE TRIGGER noticeObjection_kept BEFORE DELETE ON noticeObjection
                BEGIN SELECT RAISE(ABORT, 'an objection is kept: it decides whether its line is paid'); END;
                CREATE TRIGGER noticeObjection_raisedOpen BEFORE INSERT ON noticeObjection
                WHEN NEW.resolution IS NOT NULL OR NEW.reason IS NOT NULL OR NEW.resolvedAt IS NOT NULL OR NEW.resolvedBy IS NOT NULL
                  OR (SELECT closedAt FROM rewardNotice WHERE id = NEW.rewardNoticeId) IS NOT NULL
                  OR (SELECT rewardRunId FROM rewardNotice WHERE id = NEW.rewardNoticeId)
                     IS NOT (SELECT rewardRunId FROM rewardLine WHERE id = NEW.rewardLineId)
                BEGIN SELECT RAISE(ABORT, 'an objection is raised open, while its line''s notice runs'); END;

                CREATE TRIGGER paymentItem_releasedLine BEFORE INSERT ON paymentItem
                WHEN NEW.amountFen > NEW.grossFen
                  OR (SELECT n.closedAt FROM rewardLine AS l JOIN rewardNotice AS n ON n.rewardRunId = l.rewardRunId
                      WHERE l.id = NEW.rewardLineId) IS NULL
                  OR EXISTS (SELECT 1 FROM noticeObjection WHERE rewardLineId = NEW.rewardLineId AND (resolution IS NULL OR resolution = 'upheld'))
                BEGIN SELECT RAISE(ABORT, 'a payment pays a line its notice released (closed, no objection open or upheld), at most its amount'); END;

                -- (An offset against a line that is not a receivable is paymentOffset_whileMade's to refuse.)
                CREATE TRIGGER paymentOffset_recoveredOnce BEFORE INSERT ON paymentOffset
                WHEN (SELECT amountFen FROM rewardLine WHERE id = NEW.receivableLineId) < 0 AND (
                  (SELECT n.closedAt FROM rewardLine AS l JOIN rewardNotice AS n ON n.rewardRunId = l.rewardRunId
                      WHERE l.id = NEW.receivableLineId) IS NULL
                  OR EXISTS (SELECT 1 FROM noticeObjection WHERE rewardLineId = NEW.receivableLineId AND (resolution IS NULL OR resolution = 'upheld'))
                  OR NEW.amountFen + (SELECT COALESCE(SUM(f.amountFen), 0) FROM paymentOffset AS f JOIN paymentItem AS i ON i.id = f.paymentItemId
                                      WHERE f.receivableLineId = NEW.receivableLineId AND i.status IN ('pending', 'paid'))
                     > -(SELECT amountFen FROM rewardLine WHERE id = NEW.receivableLineId))
                BEGIN SELECT RAISE(ABORT, 'an offset recovers a receivable its notice released, at most what is still owed of it'); END;
                """)
        }
        migrator.registerMigration("v25-unitAvailableFrom") { db in
            // The first day a unit is in the park, which the park's area and seats on a day count.
            // A unit recorded before counted in every period, and keeps counting from the park's
            // first day (the earliest day a firm applied, a lease or project began or an event
            // took place), so that no figure of an earlier year changes with the upgrade; or from
            // the day it was recorded (UTC), or the first day a lease or project held it, when
            // earlier. A lease or project that holds a unit from an earlier day brings it into the
            // park from that day, whatever writes to the file.
            try db.execute(sql: """
                ALTER TABLE rentalUnit ADD COLUMN availableFrom TEXT NOT NULL DEFAULT '';
                UPDATE rentalUnit SET availableFrom = MIN(
                  substr(createdAt, 1, 10),
                  COALESCE((SELECT MIN(day) FROM (
                    SELECT MIN(appliedOn) AS day FROM tenant
                    UNION ALL SELECT MIN(appliedOn) FROM application
                    UNION ALL SELECT MIN(start) FROM lease
                    UNION ALL SELECT MIN(enteredOn) FROM incubatorProject
                    UNION ALL SELECT MIN(substr(startLocal, 1, 10)) FROM eventOccurrence)), '9999-12-31'),
                  COALESCE((SELECT MIN(l.start) FROM leaseUnit AS lu JOIN lease AS l ON l.id = lu.leaseId WHERE lu.rentalUnitId = rentalUnit.id), '9999-12-31'),
                  COALESCE((SELECT MIN(p.enteredOn) FROM incubatorSeat AS s JOIN incubatorProject AS p ON p.id = s.incubatorProjectId
                            WHERE s.rentalUnitId = rentalUnit.id), '9999-12-31'));
                CREATE TRIGGER leaseUnit_bringsUnitIn AFTER INSERT ON leaseUnit
                BEGIN
                  UPDATE rentalUnit SET availableFrom = (SELECT start FROM lease WHERE id = NEW.leaseId)
                  WHERE id = NEW.rentalUnitId AND availableFrom > (SELECT start FROM lease WHERE id = NEW.leaseId);
                END;
                CREATE TRIGGER incubatorSeat_bringsUnitIn AFTER INSERT ON incubatorSeat
                BEGIN
                  UPDATE rentalUnit SET availableFrom = (SELECT enteredOn FROM incubatorProject WHERE id = NEW.incubatorProjectId)
                  WHERE id = NEW.rentalUnitId AND availableFrom > (SELECT enteredOn FROM incubatorProject WHERE id = NEW.incubatorProjectId);
                END;
                """)
        }
        migrator.registerMigration("v26-paymentRowsKept") { db in
            // What v24 left open: `INSERT OR REPLACE`, and `UPDATE OR REPLACE … SET id`, delete
            // the row they replace without firing delete triggers (unless a writer turns
            // recursive_triggers on), so a row the triggers keep could be replaced by another; an
            // objection could be moved to another line; a notice made closed, or closed with a
            // time before its last day; a batch's totals rewritten. Each is refused, whatever
            // writes to the file.
            try db.execute(sql: """
                CREATE TRIGGER noticeObjection_notReplaced BEFORE INSERT ON noticeObjection
                WHEN EXISTS (SELECT 1 FROM noticeObjection WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'an objection is kept: it decides whether its line is paid'); END;
                CREATE TRIGGER noticeObjection_lineKept BEFORE UPDATE OF rewardNoticeId, rewardLineId, objector, grounds, recordedAt, recordedBy
                ON noticeObjection
                BEGIN SELECT RAISE(ABORT, 'an objection keeps its line, its notice and its grounds'); END;

                CREATE TRIGGER rewardNotice_publishedOpen BEFORE INSERT ON rewardNotice
                WHEN NEW.closedAt IS NOT NULL OR NEW.closedBy IS NOT NULL OR NEW.workingDays < 1 OR NEW.endsOn <= NEW.startsOn
                  OR EXISTS (SELECT 1 FROM rewardNotice WHERE id = NEW.id OR rewardRunId = NEW.rewardRunId)
                BEGIN SELECT RAISE(ABORT, 'a notice is published once a run, open, for at least one working day after its first'); END;
                CREATE TRIGGER rewardNotice_periodKept BEFORE UPDATE OF rewardRunId, startsOn, endsOn, workingDays, publishedAt, publishedBy
                ON rewardNotice
                BEGIN SELECT RAISE(ABORT, 'a notice keeps its run and its period'); END;
                CREATE TRIGGER rewardNotice_closedAfterItsLastDay BEFORE UPDATE OF closedAt ON rewardNotice
                WHEN substr(NEW.closedAt, 1, 10) < OLD.endsOn
                BEGIN SELECT RAISE(ABORT, 'a notice is closed after its last day'); END;

                CREATE TRIGGER paymentBatch_notReplaced BEFORE INSERT ON paymentBatch
                WHEN EXISTS (SELECT 1 FROM paymentBatch WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'a payment batch is kept'); END;
                CREATE TRIGGER paymentBatch_totalsKept BEFORE UPDATE OF totalFen, itemCount, runs, createdOn ON paymentBatch
                BEGIN SELECT RAISE(ABORT, 'a payment batch keeps its total and its items as made'); END;
                CREATE TRIGGER paymentItem_notReplaced BEFORE INSERT ON paymentItem
                WHEN EXISTS (SELECT 1 FROM paymentItem WHERE id = NEW.id OR (rewardLineId = NEW.rewardLineId AND status = 'pending'))
                BEGIN SELECT RAISE(ABORT, 'a payment is kept, and a line is in at most one open batch'); END;
                CREATE TRIGGER paymentOffset_notReplaced BEFORE INSERT ON paymentOffset
                WHEN EXISTS (SELECT 1 FROM paymentOffset WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'an offset is kept as taken'); END;
                CREATE TRIGGER cancelledPaymentItem_notReplaced BEFORE INSERT ON cancelledPaymentItem
                WHEN EXISTS (SELECT 1 FROM cancelledPaymentItem WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'a cancelled batch''s items are never replaced'); END;
                """)
            for table in ["rewardRun", "rewardLine", "rewardNotice", "noticeObjection", "paymentBatch", "paymentItem", "paymentOffset", "cancelledPaymentItem"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_idKept BEFORE UPDATE OF id ON \(table) WHEN NEW.id IS NOT OLD.id
                    BEGIN SELECT RAISE(ABORT, 'a row of \(table) keeps its id'); END;
                    """)
            }
        }
        migrator.registerMigration("v27-reportVersionsKept") { db in
            // A report's figures are what reward runs read: a correction is a new version, never
            // an edit (an in-place edit was computed and paid as if reported). A version is only
            // ever replaced by the next (no longer current), never made current again, deleted or
            // replaced by an INSERT OR REPLACE.
            try db.execute(sql: """
                CREATE TRIGGER operatingReport_versionKept BEFORE UPDATE OF id, tenantId, month, version, withdrawn, revenueFen, taxFen,
                  employersServed, workersDispatched, workersOutsourced, jobSeekersServed, placements, trainingSessions, trainingAttendees,
                  phdHires, headcount, reason, recordedAt, recordedBy ON operatingReport
                BEGIN SELECT RAISE(ABORT, 'a report version is never changed: a correction is a new version'); END;
                CREATE TRIGGER operatingReport_replacedForGood BEFORE UPDATE OF isCurrent ON operatingReport WHEN NEW.isCurrent AND NOT OLD.isCurrent
                BEGIN SELECT RAISE(ABORT, 'a report version replaced by a later one stays replaced'); END;
                CREATE TRIGGER operatingReport_neverDeleted BEFORE DELETE ON operatingReport
                BEGIN SELECT RAISE(ABORT, 'a report version is never deleted: a report filed in error is withdrawn by a version of its own'); END;
                CREATE TRIGGER operatingReport_notReplaced BEFORE INSERT ON operatingReport
                WHEN EXISTS (SELECT 1 FROM operatingReport WHERE id = NEW.id OR (tenantId = NEW.tenantId AND month = NEW.month AND version = NEW.version))
                BEGIN SELECT RAISE(ABORT, 'a report version is never replaced'); END;
                """)
        }
        return migrator
    }
}
