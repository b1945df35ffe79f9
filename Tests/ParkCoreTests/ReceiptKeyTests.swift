import ParkCore
import Testing

@Suite("The park's receipt key")
struct ReceiptKeyTests {
    @Test("a receipt signed by the park's key verifies with its public key, over the exact bytes only")
    func signs() throws {
        let key = ReceiptKey.generate()
        let receipt = Array(#"{"status":"accepted"}"#.utf8)
        let signature = try key.sign(receipt)
        #expect(signature.count == 64)
        #expect(key.publicKey.verifies(signature: signature, of: receipt))
        #expect(!key.publicKey.verifies(signature: signature, of: Array(#"{"status":"rejected"}"#.utf8)))
        #expect(!ReceiptKey.generate().publicKey.verifies(signature: signature, of: receipt))
    }

    @Test("the receipt key and the audit key printed, logged or dumped, alone or inside a service, show their public half or id, never the secret")
    func secretsNeverPrinted() throws {
        struct Service { let receipts: ReceiptKey; let audit: AuditKey }
        let receipts = ReceiptKey.generate()
        let auditBytes = Array(repeating: UInt8(0xA5), count: 32)
        let service = Service(receipts: receipts, audit: try #require(AuditKey(bytes: auditBytes)))
        let privateBytes = try #require(Base64Text.decode(String(receipts.fileText.dropLast())))
        var dumped = ""
        dump(service, to: &dumped)
        for text in [String(describing: service), String(reflecting: service), dumped, "\(receipts)"] {
            #expect(!text.contains(Base64Text.encode(privateBytes)) && !text.contains("\(privateBytes.prefix(4))".dropLast()), "\(text)")
            #expect(!text.contains("165, 165") && !text.contains(Base64Text.encode(auditBytes)), "\(text)")
            #expect(text.contains(receipts.publicKey.base64), "\(text)")
        }
    }

    @Test("the key file's text gives the same key back; text that holds no key is refused")
    func fileText() throws {
        let key = ReceiptKey.generate()
        let again = try #require(ReceiptKey(fileText: key.fileText))
        #expect(again.publicKey == key.publicKey)
        #expect(key.fileText.hasSuffix("\n") && key.fileText.count == 45)
        #expect(ReceiptKey(fileText: "") == nil)
        #expect(ReceiptKey(fileText: "AAAA\n") == nil)
        #expect(ReceiptKey(fileText: String(key.fileText.dropFirst())) == nil)
    }

    @Test("RFC 8032's first test vector: the private key gives its public key and its signature of the empty message")
    func rfcVector() throws {
        let bytes: [UInt8] = [
            0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
            0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
        ]
        let key = try #require(ReceiptKey(privateBytes: bytes))
        #expect(key.publicKey.base64 == TenantKeyTests.rfcPublicKey)
        #expect(Base64Text.encode(try key.sign([])) == TenantKeyTests.emptySignature)
    }
}
