/// The payload of `objection`: `{"application": 3, "grounds": "…", "evidence": "…"}` — the
/// application whose result is on notice, the grounds (required, at most 2,000 characters) and
/// the evidence as text (optional, at most 8,000), checked as the admin channel checks them.
enum ObjectionPayload {
    static func read(_ payload: StrictJSON) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        guard case .object(let members) = payload else { return .failure(SubmissionReceiptErrors([])) }
        var problems: [SubmissionFieldError] = []
        var application: Int64?
        var grounds: String?
        var evidence: String?
        for (name, value) in members {
            let path = "$.payload." + name
            switch (name, value) {
            case ("application", _):
                application = PayloadValue.identifier(value, path: path, what: "an application's id", into: &problems)
            case ("grounds", .string(let text)):
                do { grounds = try FieldText.paragraphs(text, field: "grounds", maxLength: 2000) } catch { problems.append(SubmissionFieldError(payload: error)) }
            case ("evidence", .string(let text)):
                do { evidence = try FieldText.optionalParagraphs(text, field: "evidence", maxLength: 8000) } catch { problems.append(SubmissionFieldError(payload: error)) }
            case ("grounds", _), ("evidence", _):
                problems.append(SubmissionFieldError(path: path, reason: "a string was expected, not \(value.kindName)"))
            default:
                problems.append(SubmissionFieldError(path: path, reason: "unknown member of an objection"))
            }
        }
        for (name, given) in [("application", application != nil), ("grounds", grounds != nil)]
        where !given && !problems.contains(where: { $0.path == "$.payload." + name }) {
            problems.append(SubmissionFieldError(path: "$.payload." + name, reason: "missing; an objection names the application and its grounds"))
        }
        guard problems.isEmpty, let application, let grounds else { return .failure(SubmissionReceiptErrors(problems)) }
        return .success(.objection(application: application, grounds: grounds, evidence: evidence))
    }
}
