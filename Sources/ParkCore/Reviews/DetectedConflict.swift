import MemberwiseInit

/// A conflict parkd finds between a reviewer's declared affiliations and an applicant's related parties.
@MemberwiseInit
public struct DetectedConflict: Equatable, Sendable {
    public var type: ConflictType
    /// What matched, in words.
    public var detail: String

    /// How a dismissal names it: its type and what matched.
    public var key: String { "\(type.rawValue): \(detail)" }

    /// Employment counts for this many years after it ended.
    public static let employmentYears = 3

    /// The conflicts between `affiliations` and the applicant's related parties (its name, legal
    /// representative, shareholders and group parent) for a session held on `day`.
    public static func detect(_ affiliations: [Affiliation], applicant form: ApplicationForm, on day: CivilDate) -> [DetectedConflict] {
        let firms = [form.name] + [form.groupParent].compactMap { $0 } + form.shareholders.map(\.name)
        let people = [form.legalRepresentative] + form.shareholders.map(\.name)
        var found: [DetectedConflict] = []
        for affiliation in affiliations {
            let party = affiliation.party
            switch affiliation.kind {
            case .employer:
                let since = day.addingYears(-employmentYears) ?? day
                let recent = affiliation.until.map { $0 >= since } ?? true
                if recent, firms.contains(party) {
                    let when = affiliation.until.map { "until \($0)" } ?? "now"
                    found.append(DetectedConflict(type: .employment, detail: "employed by \(party) \(when)"))
                }
            case .investment:
                if firms.contains(party) { found.append(DetectedConflict(type: .investment, detail: "invests in or controls \(party)")) }
            case .kin:
                if people.contains(party) { found.append(DetectedConflict(type: .kinship, detail: "kin of \(party)")) }
            case .legalRepresentative:
                if party == form.legalRepresentative {
                    found.append(DetectedConflict(type: .sharedLegalRepresentative, detail: "\(party) is the legal representative of both"))
                }
            case .other:
                if (firms + people).contains(party) { found.append(DetectedConflict(type: .other, detail: "declared a tie to \(party)")) }
            }
        }
        return found
    }
}
