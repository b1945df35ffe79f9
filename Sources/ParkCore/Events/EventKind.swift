/// What kind of event the park holds.
public enum EventKind: String, ClosedChoice, Codable {
    /// A job fair on site (招聘会), booths for employers.
    case jobFairOnSite = "job-fair"
    /// A job fair online, such as the daily "double-choice" fair (双选会).
    case jobFairOnline = "online-job-fair"
    /// A briefing on the park's or the government's policies.
    case policyBriefing = "policy-briefing"
    /// A supply–demand matching meeting between employers and HR firms.
    case matchingMeeting = "matching-meeting"
    case forum
    case training
    case onlineQuiz = "online-quiz"
    case other

    public static let choiceName = "an event kind"
    public static let choiceField = "kind"
}
