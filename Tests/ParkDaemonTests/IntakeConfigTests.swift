@testable import ParkDaemon
import Testing

@Suite("The intake's configuration and the outboxes' access")
struct IntakeConfigTests {
    @Test("tenant_uploaders maps credit codes to the accounts that upload for that firm alone")
    func tenantUploaders() throws {
        let config = try ConfigLoader.parse("""
            intake:
              uploader_group: hr-drop
              tenant_uploaders:
                "91370200163562681G": [sftp-yingcai, yingcai.clerk]
            """, file: "t.yaml")
        #expect(config.intake.tenantUploaders == ["91370200163562681G": ["sftp-yingcai", "yingcai.clerk"]])
        #expect(try ConfigLoader.parse("intake:\n  enabled: true\n", file: "t.yaml").intake.tenantUploaders.isEmpty)
    }

    @Test("a bad credit code, a bad user name or an empty list is refused at its place", arguments: [
        ("intake:\n  tenant_uploaders:\n    \"91370200163562681X\": [a]\n",
         "t.yaml:3:5: intake.tenant_uploaders: '91370200163562681X' is not a unified social credit code"),
        ("intake:\n  tenant_uploaders:\n    \"91370200163562681G\": [\"a b\"]\n",
         "t.yaml:3:28: intake.tenant_uploaders.91370200163562681G: 'a b' is not a user name"),
        ("intake:\n  tenant_uploaders:\n    \"91370200163562681G\": []\n",
         "t.yaml:3:27: intake.tenant_uploaders.91370200163562681G: list at least one user, or leave the firm out"),
    ] as [(String, String)])
    func refused(_ text: String, _ message: String) {
        do {
            _ = try ConfigLoader.parse(text, file: "t.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("the outbox's ACL in the kernel's form: owner rwx, each account r-x once and in order, group none, mask r-x, others none")
    func aclBytes() {
        let bytes = PosixACL.readAndSearch(for: [62010, 62003, 62010]).bytes
        func entry(_ tag: UInt16, _ permissions: UInt16, _ id: UInt32) -> [UInt8] {
            withUnsafeBytes(of: tag.littleEndian) { Array($0) } + withUnsafeBytes(of: permissions.littleEndian) { Array($0) }
                + withUnsafeBytes(of: id.littleEndian) { Array($0) }
        }
        let expected: [UInt8] = [2, 0, 0, 0] + entry(0x01, 7, .max) + entry(0x02, 5, 62003) + entry(0x02, 5, 62010)
            + entry(0x04, 0, .max) + entry(0x10, 5, .max) + entry(0x20, 0, .max)
        #expect(bytes == expected)
        // An incoming file's: owner rw-, parkd r--, group none, mask r--, others none.
        #expect(PosixACL.ownerAndReader(998).bytes == [2, 0, 0, 0] + entry(0x01, 6, .max) + entry(0x02, 4, 998) + entry(0x04, 0, .max)
            + entry(0x10, 4, .max) + entry(0x20, 0, .max))
    }
}
