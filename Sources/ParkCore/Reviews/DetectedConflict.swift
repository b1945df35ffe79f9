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
    /// Names are compared as people write them differently: case, runs of spaces and full-width
    /// forms (`（集团）`, `Ｔalent`) aside (`comparable`).
    public static func detect(_ affiliations: [Affiliation], applicant form: ApplicationForm, on day: CivilDate) -> [DetectedConflict] {
        let firms = Set(([form.name] + [form.groupParent].compactMap { $0 } + form.shareholders.map(\.name)).map(comparable))
        let people = Set(([form.legalRepresentative] + form.shareholders.map(\.name)).map(comparable))
        let representative = comparable(form.legalRepresentative)
        var found: [DetectedConflict] = []
        for affiliation in affiliations {
            let party = affiliation.party
            let compared = comparable(party)
            switch affiliation.kind {
            case .employer:
                let since = day.addingYears(-employmentYears) ?? day
                let recent = affiliation.until.map { $0 >= since } ?? true
                if recent, firms.contains(compared) {
                    let when = affiliation.until.map { "until \($0)" } ?? "now"
                    found.append(DetectedConflict(type: .employment, detail: "employed by \(party) \(when)"))
                }
            case .investment:
                if firms.contains(compared) { found.append(DetectedConflict(type: .investment, detail: "invests in or controls \(party)")) }
            case .kin:
                if people.contains(compared) { found.append(DetectedConflict(type: .kinship, detail: "kin of \(party)")) }
            case .legalRepresentative:
                if compared == representative {
                    found.append(DetectedConflict(type: .sharedLegalRepresentative, detail: "\(party) is the legal representative of both"))
                }
            case .other:
                if firms.contains(compared) || people.contains(compared) { found.append(DetectedConflict(type: .other, detail: "declared a tie to \(party)")) }
            }
        }
        return found
    }

    /// A name as compared: full-width ASCII forms as their ASCII, letters in lower case, every
    /// run of spaces (the ideographic one too) as one, none at the ends.
    static func comparable(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                folded.append(ascii)
            } else if scalar.value == 0x3000 {
                folded.append(" ")
            } else {
                folded.append(scalar)
            }
        }
        return String(folded).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
