import ArgumentParser
import ParkControl

/// A firm's registry fields, as `tenant add` and `application add` both take them.
struct FirmOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Registered name.") var name: String
    @Option(name: .customLong("credit-code"), parsing: .unconditional, help: "Unified social credit code (18 characters).") var creditCode: String
    @Option(name: .customLong("business-line"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "recruitment, dispatch, training, outsourcing, headhunting, consulting, assessment or other (repeatable).",
        valueName: "line"))
    var businessLines: [String] = []
    @Option(parsing: .unconditional, help: "local or external.") var origin: String?
    @Option(name: .customLong("tag"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A brand tag such as headquarters or china-top-500 (repeatable).", valueName: "tag"))
    var tags: [String] = []
    @Option(name: .customLong("contact-person"), parsing: .unconditional) var contactPerson: String?
    @Option(name: .customLong("contact-phone"), parsing: .unconditional) var contactPhone: String?
    @Option(name: .customLong("dispatch-licence"), parsing: .unconditional, help: "Labour dispatch licence number.") var dispatchLicence: String?
    @Option(name: .customLong("hr-service-licence"), parsing: .unconditional, help: "HR service licence number.") var hrServiceLicence: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Day of the application (default today).", valueName: "YYYY-MM-DD")) var on: String?

    /// The wire fields these options fill, by the option that names each in an error.
    static let fieldOptions: FieldOptions = [
        "name": "--name", "creditCode": "--credit-code", "businessLines": "--business-line", "origin": "--origin", "tags": "--tag",
        "contactPerson": "--contact-person", "contactPhone": "--contact-phone", "dispatchLicence": "--dispatch-licence",
        "hrServiceLicence": "--hr-service-licence", "appliedOn": "--on",
    ]
}
