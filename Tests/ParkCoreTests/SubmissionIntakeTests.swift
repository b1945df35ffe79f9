import ParkCore
import Testing

@Suite("Submissions: the strict JSON reader, the envelope, the decision and the receipt, with no I/O")
struct SubmissionIntakeTests {
    static let code = try! CreditCode(CreditCode.completing("91370200MA3C5T1A0")!)
    static let tenantKey = ReceiptKey.generate()

    static func envelope(
        id: String = "2027-01-report", type: String = "monthly-report",
        payload: String = #"{"month":"2027-01","revenue":"1200000.00","tax":"48000.00","placements":26}"#, keyId: String? = nil
    ) -> [UInt8] {
        Array(#"{"submissionId":"\#(id)","tenant":"\#(code)","keyId":"\#(keyId ?? tenantKey.publicKey.keyId)","type":"\#(type)","createdAt":"2027-02-03T10:00:00+08:00","payload":\#(payload)}"#.utf8)
    }

    static func parsed(_ bytes: [UInt8]) throws -> SubmissionEnvelope { try SubmissionEnvelope.parse(bytes).get() }

    /// The tenant's key as the store holds it.
    static let keyOnFile = TenantKey(publicKey: tenantKey.publicKey, label: "", origin: .added)

    /// The default envelope's bytes, parsed, and the tenant's signature of them.
    static func signedEnvelope() throws -> (bytes: [UInt8], envelope: SubmissionEnvelope, signature: [UInt8]) {
        let bytes = envelope()
        return (bytes, try parsed(bytes), try tenantKey.sign(bytes))
    }

    static func signed(_ bytes: [UInt8], key: TenantKey? = keyOnFile) throws -> SubmissionSender {
        .signed(signature: try tenantKey.sign(bytes), key: key, keyHolder: code)
    }

    @Test("the JSON reader refuses what is not strict JSON, naming the reason", arguments: [
        (#"{"a":1,"a":2}"#, "a member name given twice"),
        (#"{"a":1} x"#, "more after the value"),
        (#"{"a":01}"#, "',' or '}' was expected"),
        (#"{"a":"\ud800"}"#, #"a lone surrogate in a \u escape"#),
        (#"{"a":"x"#, "an unterminated string"),
        (String(repeating: "[", count: 40), "nested more than 32 deep"),
    ] as [(String, String)])
    func strictJSON(_ text: String, _ reason: String) {
        #expect(throws: StrictJSONParser.SyntaxError.self) { try StrictJSONParser.parse(Array(text.utf8)) }
        do { _ = try StrictJSONParser.parse(Array(text.utf8)) } catch { #expect(error.reason == reason) }
    }

    @Test("the JSON reader's refusal names the byte where the text goes wrong", arguments: [
        ("{\"a\":\"x\u{1}y\"}", 7, "a control character inside a string"),
        (#"{"a":"x\qy"}"#, 9, "an unknown escape in a string"),
        (#"{"a":"\u12g4"}"#, 10, "four hex digits were expected"),
        (#"{"a":"ok\"#, 9, "an unterminated string"),
        (#"{"a" 1}"#, 5, "':' was expected"),
        (#"{"a":1,}"#, 7, "a member name was expected"),
        (#"[1 2]"#, 3, "',' or ']' was expected"),
        (#"1e+"#, 3, "a digit was expected"),
        ("  ", 2, "a value was expected"),
        ("{" + (0..<20).map { #""m\#($0)":\#($0)"# }.joined(separator: ",") + #","m3":0}"#, 161, "a member name given twice"),
    ] as [(String, Int, String)])
    func strictJSONOffsets(_ text: String, _ offset: Int, _ reason: String) {
        let error = #expect(throws: StrictJSONParser.SyntaxError.self) { try StrictJSONParser.parse(Array(text.utf8)) }
        #expect(error?.offset == offset)
        #expect(error?.reason == reason)
    }

    @Test("a parsed value encodes back to the same compact text")
    func roundTrip() throws {
        let text = #"{"b":[1,-2.5e3,true,null],"a":"\"é\\\n\u0001","c":{}}"#
        let value = try StrictJSONParser.parse(Array(text.utf8))
        #expect(value["a"] == .string("\"é\\\n\u{01}"))
        #expect(value.encoded == #"{"b":[1,-2.5e3,true,null],"a":"\"é\\\n\u0001","c":{}}"#)
        #expect(throws: StrictJSONParser.SyntaxError.self) { try StrictJSONParser.parse([0xFF]) }
    }

    @Test("an envelope without a usable id or tenant cannot be answered: unreadable; other problems are listed with their paths")
    func envelopeProblems() throws {
        #expect(SubmissionEnvelope.parse(Self.envelope(id: "a/x")) == .failure(.unreadable("the envelope's submissionId holds characters other than A-Z a-z 0-9 . _ -")))
        #expect(SubmissionEnvelope.parse(Self.envelope(id: String(repeating: "a", count: 129))) == .failure(.unreadable("the envelope's submissionId is longer than 128 characters")))
        // No id may name what a refusal's receipt is named: its own refused receipts stay.
        #expect(SubmissionEnvelope.parse(Self.envelope(id: "2026-10-report.refused-d356109fd58b")) == .failure(.unreadable("the envelope's submissionId holds '.refused-', which names the receipts of refused submissions")))
        let bad = Array(#"{"submissionId":"x","tenant":"\#(Self.code)","type":"gift","createdAt":"yesterday","payload":[],"extra":1}"#.utf8)
        let envelope = try Self.parsed(bad)
        #expect(envelope.keyId == nil)
        #expect(envelope.problems.map(\.path) == ["$.extra", "$.type", "$.createdAt", "$.payload"])
    }

    @Test("a monthly report's payload is read field by field; every problem is named by its path")
    func reportSchema() throws {
        let envelope = try Self.parsed(Self.envelope(payload: #"{"month":"2027-13","revenue":12,"tax":true,"placements":2.5,"colour":"red"}"#))
        guard case .reject(let errors) = SubmissionIntake.decide(envelope, envelopeBytes: Self.envelope(), sender: .staff(user: "clerk"), previous: nil) else {
            Issue.record("not rejected")
            return
        }
        #expect(errors.map(\.path) == ["$.payload.month", "$.payload.tax", "$.payload.placements", "$.payload.colour"])
        // Figures out of range are all listed, not the first alone.
        let negative = try Self.parsed(Self.envelope(payload: #"{"month":"2027-01","revenue":"-1.00","tax":"-1.00","placements":-1,"headcount":-5}"#))
        #expect(SubmissionIntake.decide(negative, envelopeBytes: [], sender: .staff(user: "clerk"), previous: nil) == .reject([
            SubmissionFieldError(path: "$.payload.revenue", reason: "must not be negative"),
            SubmissionFieldError(path: "$.payload.tax", reason: "must not be negative"),
            SubmissionFieldError(path: "$.payload.placements", reason: "-1 must not be negative"),
            SubmissionFieldError(path: "$.payload.headcount", reason: "-5 must not be negative"),
        ]))
        let correction = try Self.parsed(Self.envelope(type: "report-correction", payload: #"{"month":"2027-01","placements":29}"#))
        #expect(SubmissionIntake.decide(correction, envelopeBytes: [], sender: .staff(user: "clerk"), previous: nil)
            == .reject([SubmissionFieldError(path: "$.payload.reason", reason: "a correction says why it corrects the report")]))
        let earlyYear = try Self.parsed(Self.envelope(payload: #"{"month":"0027-01","revenue":"1.00","tax":"0.00"}"#))
        #expect(SubmissionIntake.decide(earlyYear, envelopeBytes: [], sender: .staff(user: "clerk"), previous: nil) == .reject([
            SubmissionFieldError(path: "$.payload.month", reason: "'0027-01' is before 1900, and parkd records no earlier day (is a digit of the year missing?)"),
        ]))
    }

    @Test("a good report is applied: the request in core values")
    func apply() throws {
        let bytes = Self.envelope()
        let verdict = SubmissionIntake.decide(try Self.parsed(bytes), envelopeBytes: bytes, sender: try Self.signed(bytes), previous: nil)
        #expect(verdict == .apply(.report(
            month: Month(year: 2027, month: 1),
            figures: SubmittedFigures(revenue: Money(fen: 120_000_000), tax: Money(fen: 4_800_000), counts: ["placements": 26]), reason: nil)))
    }

    @Test("an objection names the application and its grounds, checked as the admin channel checks them; evidence is optional")
    func objectionSchema() throws {
        let good = Self.envelope(type: "objection", payload: #"{"application":3,"grounds":" 申请材料所报营收与纳税记录不符 ","evidence":""}"#)
        #expect(SubmissionIntake.decide(try Self.parsed(good), envelopeBytes: good, sender: try Self.signed(good), previous: nil)
            == .apply(.objection(application: 3, grounds: "申请材料所报营收与纳税记录不符", evidence: nil)))
        let lines = Self.envelope(type: "objection", payload: #"{"application":3,"grounds":"营收不符\r\n纳税记录见附件","evidence":"第一页\n第二页"}"#)
        #expect(SubmissionIntake.decide(try Self.parsed(lines), envelopeBytes: lines, sender: try Self.signed(lines), previous: nil)
            == .apply(.objection(application: 3, grounds: "营收不符\n纳税记录见附件", evidence: "第一页\n第二页")))
        let bad = Self.envelope(type: "objection", payload: #"{"application":"3","evidence":"\u0007","colour":"red"}"#)
        guard case .reject(let errors) = SubmissionIntake.decide(try Self.parsed(bad), envelopeBytes: bad, sender: try Self.signed(bad), previous: nil) else {
            Issue.record("not rejected")
            return
        }
        #expect(errors == [
            SubmissionFieldError(path: "$.payload.application", reason: "an application's id (a whole number from 1) was expected, not a string"),
            SubmissionFieldError(path: "$.payload.evidence", reason: "contains a control character other than a line break, U+0007"),
            SubmissionFieldError(path: "$.payload.colour", reason: "unknown member of an objection"),
            SubmissionFieldError(path: "$.payload.grounds", reason: "missing; an objection names the application and its grounds"),
        ])
    }

    @Test("an event registration and a cancellation are read with their defaults; every problem is named by its path")
    func eventSchemas() throws {
        func decide(_ type: String, _ payload: String) throws -> SubmissionVerdict {
            let bytes = Self.envelope(type: type, payload: payload)
            return SubmissionIntake.decide(try Self.parsed(bytes), envelopeBytes: bytes, sender: try Self.signed(bytes), previous: nil)
        }
        #expect(try decide("event-registration", #"{"event":4}"#)
            == .apply(.eventRegistration(event: 4, occurrence: nil, places: 1, positions: 0, roles: [])))
        #expect(try decide("event-registration", #"{"event":4,"occurrence":"2027-03-05","places":2,"positions":120,"roles":["销售代表"]}"#)
            == .apply(.eventRegistration(event: 4, occurrence: CivilDate(year: 2027, month: 3, day: 5), places: 2, positions: 120, roles: ["销售代表"])))
        guard case .reject(let errors) = try decide("event-registration", #"{"event":0,"occurrence":"2027-02-30","places":-1,"roles":[1]}"#) else {
            Issue.record("not rejected")
            return
        }
        #expect(errors.map(\.path) == ["$.payload.event", "$.payload.occurrence", "$.payload.places", "$.payload.roles[0]"])
        #expect(try decide("event-cancellation", #"{"registration":9,"reason":"时间冲突"}"#) == .apply(.eventCancellation(registration: 9, reason: "时间冲突")))
        #expect(try decide("event-cancellation", #"{"reason":1}"#) == .reject([
            SubmissionFieldError(path: "$.payload.reason", reason: "a string was expected, not a number"),
            SubmissionFieldError(path: "$.payload.registration", reason: "missing; a cancellation names the registration"),
        ]))
    }

    @Test("an application's payload is read field by field, every problem named by its path; the form is the admin channel's")
    func applicationSchema() throws {
        let bytes = Self.envelope(type: "application", payload: #"{"name":"青岛英才","businessLines":["recruitment"],"registeredCapital":"5000000","headcount":12,"plannedOfficeArea":"120","expectedAnnualRevenue":"1000000","expectedAnnualTax":"30000","legalRepresentative":"张伟","shareholders":["张伟=60"]}"#)
        guard case .apply(.application(let submitted)) = SubmissionIntake.decide(try Self.parsed(bytes), envelopeBytes: bytes, sender: try Self.signed(bytes), previous: nil) else {
            Issue.record("not applied")
            return
        }
        let form = try submitted.form(creditCode: Self.code.value, today: CivilDate(year: 2027, month: 2, day: 10)!)
        #expect(form.creditCode == Self.code.value && form.headcount == 12 && form.registeredCapital == Money(fen: 500_000_000))
        #expect(form.shareholders.map(\.name) == ["张伟"])
        let bad = Self.envelope(type: "application", payload: #"{"name":1,"registeredCapital":"lots","shareholders":["张伟"],"colour":"red"}"#)
        guard case .reject(let errors) = SubmissionIntake.decide(try Self.parsed(bad), envelopeBytes: bad, sender: try Self.signed(bad), previous: nil) else {
            Issue.record("not rejected")
            return
        }
        #expect(Array(errors.map(\.path).prefix(4)) == ["$.payload.name", "$.payload.registeredCapital", "$.payload.shareholders[0]", "$.payload.colour"])
        #expect(errors.contains(SubmissionFieldError(path: "$.payload.legalRepresentative", reason: "missing; an application gives it")))
    }

    @Test("idempotency by (tenant, submission id): the same bytes replay the first receipt, other bytes are refused as reused")
    func idempotency() throws {
        let bytes = Self.envelope()
        let first = RecordedSubmission(envelopeSha256: SubmissionIntake.sha256(bytes), receipt: "first receipt")
        #expect(SubmissionIntake.decide(try Self.parsed(bytes), envelopeBytes: bytes, sender: try Self.signed(bytes), previous: first)
            == .replay(receipt: "first receipt"))
        let other = Self.envelope(payload: #"{"month":"2027-01","revenue":"1.00","tax":"0.00"}"#)
        #expect(SubmissionIntake.decide(try Self.parsed(other), envelopeBytes: other, sender: try Self.signed(other), previous: first)
            == .refuse(.reused(firstSha256: first.envelopeSha256)))
    }

    @Test("authenticity comes first: unknown, another tenant's and revoked keys, and a signature over other bytes are refused")
    func authenticity() throws {
        let (bytes, envelope, signature) = try Self.signedEnvelope()
        let key = Self.keyOnFile
        let previous = RecordedSubmission(envelopeSha256: "other", receipt: "first")
        func decide(_ sender: SubmissionSender) -> SubmissionVerdict { SubmissionIntake.decide(envelope, envelopeBytes: bytes, sender: sender, previous: previous) }
        let keyId = Self.tenantKey.publicKey.keyId
        #expect(decide(.signed(signature: signature, key: nil, keyHolder: nil)) == .refuse(.unauthentic("no key \(keyId) is on file")))
        let otherTenant = try CreditCode(CreditCode.completing("91370200MA3C5T2A0")!)
        #expect(decide(.signed(signature: signature, key: key, keyHolder: otherTenant)) == .refuse(.unauthentic("key \(keyId) is not a key of tenant \(Self.code)")))
        var revoked = key
        revoked.revokedAt = "2027-02-01T00:00:00.000Z"
        #expect(decide(.signed(signature: signature, key: revoked, keyHolder: Self.code)) == .refuse(.unauthentic("key \(keyId) was revoked at 2027-02-01T00:00:00.000Z")))
        let otherBytes = try Self.tenantKey.sign(Self.envelope(id: "other"))
        #expect(decide(.signed(signature: otherBytes, key: key, keyHolder: Self.code))
            == .refuse(.unauthentic("the signature is not key \(keyId)'s signature of these envelope bytes")))
    }

    @Test("a signature checked ahead of the decision counts only for the key the store holds, over the same signature and bytes")
    func checkedAhead() throws {
        let (bytes, envelope, signature) = try Self.signedEnvelope()
        let key = Self.keyOnFile
        func decide(_ checked: CheckedSignature) -> SubmissionVerdict {
            SubmissionIntake.decide(envelope, envelopeBytes: bytes, sender: .signed(signature: signature, key: key, keyHolder: Self.code, checked: checked), previous: nil)
        }
        let keyId = Self.tenantKey.publicKey.keyId
        let refused = SubmissionVerdict.refuse(.unauthentic("the signature is not key \(keyId)'s signature of these envelope bytes"))
        let good = CheckedSignature(publicKey: Self.tenantKey.publicKey, signature: signature, message: bytes)
        #expect(good.verifies)
        guard case .apply = decide(good) else {
            Issue.record("a good signature checked ahead is not applied")
            return
        }
        // Another key's valid signature of the same bytes, checked ahead, proves nothing about the key on file.
        let intruder = ReceiptKey.generate()
        let forged = try intruder.sign(bytes)
        let intruderCheck = CheckedSignature(publicKey: intruder.publicKey, signature: forged, message: bytes)
        #expect(intruderCheck.verifies)
        #expect(SubmissionIntake.decide(
            envelope, envelopeBytes: bytes, sender: .signed(signature: forged, key: key, keyHolder: Self.code, checked: intruderCheck), previous: nil) == refused)
        // A check over other bytes is not this one: the decision checks again, and the signature holds.
        let otherBytes = Self.envelope(id: "other")
        guard case .apply = decide(CheckedSignature(publicKey: Self.tenantKey.publicKey, signature: signature, message: otherBytes)) else {
            Issue.record("a check over other bytes was taken as this one's")
            return
        }
        #expect(!CheckedSignature(publicKey: Self.tenantKey.publicKey, signature: signature, message: otherBytes).verifies)
    }

    @Test("a file holds the envelope's bytes and signature; anything else is unreadable, and no reason quotes the content")
    func file() throws {
        let bytes = Self.envelope()
        let file = SubmissionFile(envelopeBytes: bytes, signature: try Self.tenantKey.sign(bytes))
        #expect(SubmissionFile.parse(file.bytes) == .success(file))
        for text in [#"{"envelope":"e30=","signature":"AAAA","secret-member":1}"#, "top secret", #"{"envelope":"!!","signature":""}"#] {
            guard case .failure(let refusal) = SubmissionFile.parse(Array(text.utf8)) else {
                Issue.record("accepted \(text)")
                continue
            }
            #expect(!refusal.description.contains("secret") && !refusal.description.contains("!!"))
        }
    }

    @Test("a receipt is compact JSON, signed by the park's key so that its public key verifies exactly those bytes")
    func receipt() throws {
        let park = ReceiptKey.generate()
        let receipt = SubmissionReceipt(
            parkKeyId: park.publicKey.keyId, tenant: Self.code, submissionId: "2027-01-report", type: "monthly-report", envelopeSha256: "ab",
            channel: "spool", decidedAt: "2027-02-10T01:00:00.000Z", outcome: .success(.report(month: Month(year: 2027, month: 1), version: 2, changes: ["tax 1.00 → 2.00"])))
        #expect(receipt.text == #"{"format":"parkd-receipt-1","park":"\#(park.publicKey.keyId)","tenant":"\#(Self.code)","submissionId":"2027-01-report","type":"monthly-report","envelopeSha256":"ab","channel":"spool","decidedAt":"2027-02-10T01:00:00.000Z","status":"accepted","result":{"report":{"month":"2027-01","version":2},"changes":["tax 1.00 → 2.00"]}}"#)
        let file = try StrictJSONParser.parse(try SubmissionReceipt.fileBytes(content: receipt.text, key: park))
        guard case .string(let content) = file["receipt"], case .string(let signature) = file["signature"] else {
            Issue.record("no receipt or signature")
            return
        }
        #expect(Base64Text.decode(content) == Array(receipt.text.utf8))
        #expect(park.publicKey.verifies(signature: Base64Text.decode(signature)!, of: Array(receipt.text.utf8)))
        // Signed again (a receipt rewritten after a crash): the same bytes.
        #expect(try SubmissionReceipt.fileBytes(content: receipt.text, key: park) == SubmissionReceipt.fileBytes(content: receipt.text, key: park))
        #expect(SubmissionReceipt.fileName(submissionId: "x") == "x.json")
        #expect(SubmissionReceipt.fileName(submissionId: "x", refusedSha256: "0123456789abcdef") == "x.refused-0123456789ab.json")
    }
}
