import Logging
@testable import ParkDaemon
import Testing

@Suite("Configured groups that do not exist")
struct MissingGroupsTests {
    @Test("one sentence says what the missing groups mean for who may call parkd", arguments: [
        ("parkd-admin", "parkd-auditor", "parkd-reviewer",
         "groups parkd-admin, parkd-auditor, parkd-reviewer do not exist: only root (uid 0) may change or read the park, and no one may sit on a review panel; create them with systemd-sysusers Deploy/parkd.sysusers"),
        ("parkd-admin", nil, nil,
         "group parkd-admin does not exist: only root (uid 0) may change the park; create it with systemd-sysusers Deploy/parkd.sysusers"),
        (nil, "finance", nil,
         "group finance does not exist: only root (uid 0) and the admin group may read the park; create it, or name existing groups in access.admin_group, access.auditor_group and access.reviewer_group"),
        (nil, nil, "panel",
         "group panel does not exist: no one may sit on a review panel; create it, or name existing groups in access.admin_group, access.auditor_group and access.reviewer_group"),
    ] as [(String?, String?, String?, String)])
    func warning(_ admin: String?, _ auditor: String?, _ reviewer: String?, _ expected: String) {
        #expect(AccessPolicy.missingGroupsWarning(admin: admin, auditor: auditor, reviewer: reviewer) == expected)
    }

    @Test("nothing to say when every group exists")
    func bothExist() {
        #expect(AccessPolicy.missingGroupsWarning(admin: nil, auditor: nil, reviewer: nil) == nil)
        // Debian's staff and users exist on every machine the tests run on.
        #expect(AccessPolicy(adminGroup: "staff", auditorGroup: "users", reviewerGroup: "adm").missingGroupsWarning == nil)
    }

    @Test("a list in the metadata is one journal field per element, so each value can be matched")
    func journalFields() {
        #expect(JournalLogHandler.fields("group", .array([.string("parkd-admin"), .string("parkd-auditor")])) == [
            "GROUP=parkd-admin", "GROUP=parkd-auditor",
        ])
        #expect(JournalLogHandler.fields("tenantId", "7") == ["TENANT_ID=7"])
        #expect(JournalLogHandler.fields("9lives", "x").isEmpty)
    }
}
