/// The payloads of `event-registration` — `{"event": 4, "occurrence": "2027-03-05", "places": 2,
/// "positions": 120, "roles": ["销售代表"]}`, the occurrence only for a series, places 1 and
/// positions 0 when not given — and of `event-cancellation` — `{"registration": 9, "reason": "…"}`.
/// The rules (capacity, the per-firm limit, the waiting list, what may still be withdrawn) are
/// the event operations' own.
enum EventPayload {
    static func registration(_ payload: StrictJSON) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        guard case .object(let members) = payload else { return .failure(SubmissionReceiptErrors([])) }
        var problems: [SubmissionFieldError] = []
        var event: Int64?
        var occurrence: CivilDate?
        var places = 1, positions = 0
        var roles: [String] = []
        for (name, value) in members {
            let path = "$.payload." + name
            switch (name, value) {
            case ("event", _):
                event = PayloadValue.identifier(value, path: path, what: "an event's id", into: &problems)
            case ("occurrence", .string(let text)):
                do { occurrence = try CivilDate.parse(text, field: "occurrence") } catch { problems.append(SubmissionFieldError(payload: error)) }
            case ("places", .number(let text)), ("positions", .number(let text)):
                guard let count = Int(text), count >= 0 else {
                    problems.append(SubmissionFieldError(path: path, reason: "a whole number from 0 was expected"))
                    continue
                }
                if name == "places" { places = count } else { positions = count }
            case ("roles", .array(let items)):
                roles = PayloadValue.strings(items, path: path, into: &problems)
            case ("occurrence", _), ("places", _), ("positions", _), ("roles", _):
                let expected = ["occurrence": "a day (2027-03-05)", "roles": "an array of strings"][name] ?? "a whole number"
                problems.append(SubmissionFieldError(path: path, reason: "\(expected) was expected, not \(value.kindName)"))
            default:
                problems.append(SubmissionFieldError(path: path, reason: "unknown member of an event registration"))
            }
        }
        if event == nil, !problems.contains(where: { $0.path == "$.payload.event" }) {
            problems.append(SubmissionFieldError(path: "$.payload.event", reason: "missing; a registration names its event"))
        }
        guard problems.isEmpty, let event else { return .failure(SubmissionReceiptErrors(problems)) }
        return .success(.eventRegistration(event: event, occurrence: occurrence, places: places, positions: positions, roles: roles))
    }

    static func cancellation(_ payload: StrictJSON) -> Result<SubmissionRequest, SubmissionReceiptErrors> {
        guard case .object(let members) = payload else { return .failure(SubmissionReceiptErrors([])) }
        var problems: [SubmissionFieldError] = []
        var registration: Int64?
        var reason: String?
        for (name, value) in members {
            let path = "$.payload." + name
            switch (name, value) {
            case ("registration", _):
                registration = PayloadValue.identifier(value, path: path, what: "a registration's id", into: &problems)
            case ("reason", .string(let text)):
                reason = text
            case ("reason", _):
                problems.append(SubmissionFieldError(path: path, reason: "a string was expected, not \(value.kindName)"))
            default:
                problems.append(SubmissionFieldError(path: path, reason: "unknown member of an event cancellation"))
            }
        }
        if registration == nil, !problems.contains(where: { $0.path == "$.payload.registration" }) {
            problems.append(SubmissionFieldError(path: "$.payload.registration", reason: "missing; a cancellation names the registration"))
        }
        guard problems.isEmpty, let registration else { return .failure(SubmissionReceiptErrors(problems)) }
        return .success(.eventCancellation(registration: registration, reason: reason))
    }
}
