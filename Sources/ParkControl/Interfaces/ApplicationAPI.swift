import MemberwiseInit

/// `io.parkd.Application`: applications to enter the park, and their automatic prescreen.
public enum ApplicationAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Application", methods: [create, list, get, withdraw] + checklistMethods, errors: errors, definition: """
        # Applications to enter the park (入驻申请) and their automatic prescreen against the
        # configured hard criteria. An application creates or reuses the firm's record in the
        # registry: applicant, then reviewing when the prescreen passes or rejected when it fails.
        interface io.parkd.Application

        # A shareholder of the applicant.
        type Shareholder (
          # Name of the person or firm.
          name: string,
          # Share in percent, at most two decimals (25.5).
          percent: string
        )

        # One criterion of the prescreen applied to the application.
        type Check (
          # creditCode, licences, registeredCapital, notATenant, noOpenApplication or notBlocklisted.
          criterion: string,
          # Whether the application meets it.
          passed: bool,
          # Why, in words.
          reason: string
        )

        # An application as received and prescreened.
        type Application (
          # Stable numeric id.
          id: int,
          # awaitingReview (passed the prescreen), prescreenFailed, withdrawn, or approved or rejected (the final decision in force).
          status: string,
          # The firm's record in the registry; null when the credit code is not valid.
          tenant: ?int,
          # The tenant's status now.
          tenantStatus: ?string,
          # Registered name.
          name: string,
          # Unified social credit code as given (spaces and hyphens removed, upper case).
          creditCode: string,
          # Lines of business (as the tenant registry spells them).
          businessLines: []string,
          # local or external.
          origin: string,
          # Brand tags (headquarters, china-top-500, hr-top-100, ...).
          tags: []string,
          \(SharedFields.lines(SharedFields.firmContacts, type: "?string")),
          # Registered capital in yuan (two decimals).
          registeredCapital: string,
          # People employed.
          headcount: int,
          # Office area the firm plans to lease, m² (two decimals).
          plannedOfficeArea: string,
          # Expected annual revenue in yuan (two decimals).
          expectedAnnualRevenue: string,
          # Expected annual tax in yuan (two decimals).
          expectedAnnualTax: string,
          # Legal representative (法定代表人).
          legalRepresentative: string,
          # Shareholders and their shares, in the order given.
          shareholders: []Shareholder,
          # Group parent company.
          groupParent: ?string,
          # The firm's statements, in its words.
          statements: []string,
          # Day of the application (YYYY-MM-DD).
          appliedOn: string,
          # The prescreen, one check per criterion applied.
          checks: []Check,
          # Day it was withdrawn (YYYY-MM-DD).
          withdrawnOn: ?string,
          # Why it was withdrawn.
          withdrawalReason: ?string,
          # When it was received (RFC 3339, UTC).
          createdAt: string,
          # User name of whoever recorded it.
          createdBy: string
        )

        # Receives an application and prescreens it at once. A failed prescreen is no error:
        # the application is recorded, with every failed criterion and its reason.
        method Create(
          # Registered name.
          name: string,
          # Unified social credit code; an invalid one fails the prescreen.
          creditCode: string,
          # Lines of business, at least one.
          businessLines: []string,
          # local (default) or external.
          origin: ?string,
          # Brand tags.
          tags: ?[]string,
          \(SharedFields.lines(SharedFields.firmContacts, type: "?string")),
          # Registered capital in yuan (at most two decimals).
          registeredCapital: string,
          # People employed, 0 to 1000000.
          headcount: int,
          # Office area the firm plans to lease, m² (at most two decimals).
          plannedOfficeArea: string,
          # Expected annual revenue in yuan.
          expectedAnnualRevenue: string,
          # Expected annual tax in yuan.
          expectedAnnualTax: string,
          # Legal representative.
          legalRepresentative: string,
          # Shareholders as NAME=PERCENT (李明=12.5), at most 50, adding up to 100 at most.
          shareholders: ?[]string,
          # Group parent company.
          groupParent: ?string,
          # The firm's statements, at most 20.
          statements: ?[]string,
          # Day of the application (YYYY-MM-DD, default today), not in the future.
          appliedOn: ?string
        ) -> (
          # The application as received and prescreened.
          application: Application
        )

        # Applications by id.
        method List(
          # Only those in this status.
          status: ?string
        ) -> (
          # The applications.
          applications: []Application
        )

        # One application.
        method Get(
          # The application's id.
          application: int
        ) -> (
          # The application.
          application: Application
        )

        # Withdraws an open application at the firm's request; the firm's record, under review
        # for it, becomes rejected with the reason.
        method Withdraw(
          # The application's id.
          application: int,
          # Why, in the firm's words.
          reason: string,
          # Day of the withdrawal (YYYY-MM-DD, default today).
          on: ?string
        ) -> (
          # The application as it is now.
          application: Application
        )

        # No application has this id.
        error NoSuchApplication (
          # The id asked for.
          application: int
        )

        """ + checklistDefinition)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Application.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Application.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Application.Get", access: .read)
    public static let withdraw = VarlinkMethod<Withdraw, WithdrawReply>("io.parkd.Application.Withdraw", access: .write)

    @MemberwiseInit
    public struct Shareholder: Codable, Sendable, Equatable {
        public var name: String
        public var percent: String
    }

    @MemberwiseInit
    public struct Check: Codable, Sendable, Equatable {
        public var criterion: String
        public var passed: Bool
        public var reason: String
    }

    @MemberwiseInit
    public struct Application: Codable, Sendable, Equatable {
        public var id: Int64
        public var status: String
        public var tenant: Int64?
        public var tenantStatus: String?
        public var name: String
        public var creditCode: String
        public var businessLines: [String]
        public var origin: String
        public var tags: [String]
        public var contactPerson: String?
        public var contactPhone: String?
        public var dispatchLicence: String?
        public var hrServiceLicence: String?
        public var registeredCapital: String
        public var headcount: Int
        public var plannedOfficeArea: String
        public var expectedAnnualRevenue: String
        public var expectedAnnualTax: String
        public var legalRepresentative: String
        public var shareholders: [Shareholder]
        public var groupParent: String?
        public var statements: [String]
        public var appliedOn: String
        public var checks: [Check]
        public var withdrawnOn: String?
        public var withdrawalReason: String?
        public var createdAt: String
        public var createdBy: String
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var name: String
        public var creditCode: String
        public var businessLines: [String]
        public var origin: String? = nil
        public var tags: [String]? = nil
        public var contactPerson: String? = nil
        public var contactPhone: String? = nil
        public var dispatchLicence: String? = nil
        public var hrServiceLicence: String? = nil
        public var registeredCapital: String
        public var headcount: Int
        public var plannedOfficeArea: String
        public var expectedAnnualRevenue: String
        public var expectedAnnualTax: String
        public var legalRepresentative: String
        public var shareholders: [String]? = nil
        public var groupParent: String? = nil
        public var statements: [String]? = nil
        public var appliedOn: String? = nil
    }

    /// The reply of every method that answers with one application.
    @MemberwiseInit
    public struct ApplicationReply: Codable, Sendable {
        public var application: Application
    }

    public typealias CreateReply = ApplicationReply
    public typealias GetReply = ApplicationReply
    public typealias WithdrawReply = ApplicationReply

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var status: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var applications: [Application]
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var application: Int64
    }

    @MemberwiseInit
    public struct Withdraw: Codable, Sendable {
        public var application: Int64
        public var reason: String
        public var on: String? = nil
    }
}
