/// A line of business in the HR service industry chain.
public enum BusinessLine: String, CaseIterable, Codable, Sendable {
    case recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment, other

    /// Lines that make a tenant an HR service firm for the reference policy.
    public var isHRService: Bool { self != .other }

    public static func parse(_ text: String, field: String = "businessLines") throws(DomainError) -> BusinessLine {
        guard let line = BusinessLine(rawValue: text) else {
            throw .invalid(field, "'\(text)' is not a business line; use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return line
    }
}
