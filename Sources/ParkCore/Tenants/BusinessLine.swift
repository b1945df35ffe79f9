/// A line of business in the HR service industry chain.
public enum BusinessLine: String, ClosedChoice, Codable {
    case recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment, other

    /// Lines that make a tenant an HR service firm for the reference policy.
    public var isHRService: Bool { self != .other }

    public static let choiceName = "a business line"
    public static let choiceField = "businessLines"
}
