/// What a tenant signs: who sends what, under which id, with which key.
///
///     {"submissionId": "2027-01-report", "tenant": "91370200MA3C5XXX0X", "keyId": "3f1c…",
///      "type": "monthly-report", "createdAt": "2027-02-03T10:00:00+08:00", "payload": {…}}
///
/// Without a usable submission id and tenant no receipt can be named, so the file is
/// refused as unreadable; any other problem of the envelope is a rejection recorded with a
/// receipt listing every one.
public struct SubmissionEnvelope: Sendable, Equatable {
    /// Chosen by the client, unique per tenant: at most 128 characters of `A-Z a-z 0-9 . _ -`,
    /// not starting with a dot nor holding `.refused-` (it names the receipt file).
    public let submissionId: String
    public let tenant: CreditCode
    /// The signing key's id; absent in a staff entry, which the staff member's login authenticates.
    public let keyId: String?
    /// As written; `submissionType` when it is one parkd knows.
    public let type: String
    public let submissionType: SubmissionType?
    public let createdAt: String
    public let payload: StrictJSON
    /// What is wrong with the envelope's other members (type, createdAt, payload, unknown members).
    public let problems: [SubmissionFieldError]

    public static let maximumIdLength = 128
    static let members: Set<String> = ["submissionId", "tenant", "keyId", "type", "createdAt", "payload"]

    /// Reads an envelope from its exact bytes.
    public static func parse(_ bytes: [UInt8]) -> Result<SubmissionEnvelope, SubmissionRefusal> {
        let value: StrictJSON
        do {
            value = try StrictJSONParser.parse(bytes)
        } catch {
            return .failure(.unreadable("the envelope is \(error.description)"))
        }
        guard case .object(let members) = value else { return .failure(.unreadable("the envelope is not a JSON object")) }
        guard case .string(let id) = value["submissionId"] else {
            return .failure(.unreadable("the envelope's submissionId is missing or not a string"))
        }
        if let reason = idProblem(id) { return .failure(.unreadable("the envelope's submissionId \(reason)")) }
        guard case .string(let code) = value["tenant"], let tenant = try? CreditCode(code) else {
            return .failure(.unreadable("the envelope's tenant is missing or not a valid credit code"))
        }
        var problems: [SubmissionFieldError] = []
        for member in members where !Self.members.contains(member.name) {
            problems.append(SubmissionFieldError(path: "$.\(member.name)", reason: "unknown member; an envelope holds \(Self.members.sorted().joined(separator: ", "))"))
        }
        var keyId: String?
        switch value["keyId"] {
        case nil: break
        case .string(let text)?: keyId = text
        case let other?: problems.append(SubmissionFieldError(path: "$.keyId", reason: "a string was expected, not \(other.kindName)"))
        }
        var type = ""
        switch value["type"] {
        case .string(let text)?:
            type = text
            if SubmissionType(rawValue: text) == nil {
                problems.append(SubmissionFieldError(
                    path: "$.type", reason: "unknown type; one of \(SubmissionType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        case nil: problems.append(SubmissionFieldError(path: "$.type", reason: "missing"))
        case let other?: problems.append(SubmissionFieldError(path: "$.type", reason: "a string was expected, not \(other.kindName)"))
        }
        var createdAt = ""
        switch value["createdAt"] {
        case .string(let text)?:
            createdAt = text
            if !Instant.isRFC3339(text) {
                problems.append(SubmissionFieldError(path: "$.createdAt", reason: "not an RFC 3339 time with its offset (2027-02-03T10:00:00+08:00)"))
            }
        case nil: problems.append(SubmissionFieldError(path: "$.createdAt", reason: "missing"))
        case let other?: problems.append(SubmissionFieldError(path: "$.createdAt", reason: "a string was expected, not \(other.kindName)"))
        }
        let payload = value["payload"] ?? .null
        switch payload {
        case .object: break
        case .null where value["payload"] == nil: problems.append(SubmissionFieldError(path: "$.payload", reason: "missing"))
        default: problems.append(SubmissionFieldError(path: "$.payload", reason: "an object was expected, not \(payload.kindName)"))
        }
        return .success(SubmissionEnvelope(
            submissionId: id, tenant: tenant, keyId: keyId, type: type, submissionType: SubmissionType(rawValue: type), createdAt: createdAt,
            payload: payload, problems: problems))
    }

    /// Why `id` cannot be a submission id; nil when it can.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.utf8.count > maximumIdLength { return "is longer than \(maximumIdLength) characters" }
        if id.hasPrefix(".") { return "starts with a dot" }
        let allowed = id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
        guard allowed else { return "holds characters other than A-Z a-z 0-9 . _ -" }
        // `<id>.refused-<12 hex>.json` names a refusal's receipt: no id may make that name.
        if id.contains(".refused-") { return "holds '.refused-', which names the receipts of refused submissions" }
        return nil
    }
}
