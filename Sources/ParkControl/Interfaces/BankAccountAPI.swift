import MemberwiseInit

/// `io.parkd.BankAccount`: the accounts tenants are paid into, with their history.
public enum BankAccountAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.BankAccount", methods: [create, list], definition: """
        # The accounts rewards are paid into. An account is in the tenant's registered name,
        # takes effect on a day and is never changed: a new account from a later day replaces
        # it, and a payment batch uses the account in force on the day it is made.
        interface io.parkd.BankAccount

        # A tenant's account from the day it takes effect.
        type Account (
          # Stable numeric id.
          id: int,
          # Tenant id.
          tenant: int,
          # The tenant's registered name.
          tenantName: string,
          # The name on the account: the tenant's registered name.
          accountName: string,
          # Bank and branch.
          bank: string,
          # The account number, digits only.
          number: string,
          # The first day payments go to it (YYYY-MM-DD).
          effectiveFrom: string,
          # When it was recorded (RFC 3339, UTC).
          recordedAt: string,
          # Who recorded it.
          recordedBy: string
        )

        # Records a tenant's account from a day; the accounts recorded before stay as history.
        method Create(
          # Tenant id or credit code.
          tenant: string,
          # The name on the account; must be the tenant's registered name.
          accountName: string,
          # Bank and branch.
          bank: string,
          # Account number: 10 to 30 digits, spaces or hyphens between groups allowed.
          number: string,
          # The first day payments go to it (YYYY-MM-DD).
          effectiveFrom: string
        ) -> (
          # The account recorded.
          account: Account
        )

        # Every account recorded, by tenant then day; with `tenant`, that tenant's history.
        method List(
          # Tenant id or credit code.
          tenant: ?string
        ) -> (
          # The accounts, by tenant then effective day.
          accounts: []Account
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.BankAccount.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.BankAccount.List", access: .read)

    @MemberwiseInit
    public struct Account: Codable, Sendable, Equatable {
        public var id: Int64
        public var tenant: Int64
        public var tenantName: String
        public var accountName: String
        public var bank: String
        public var number: String
        public var effectiveFrom: String
        public var recordedAt: String
        public var recordedBy: String
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var tenant: String
        public var accountName: String
        public var bank: String
        public var number: String
        public var effectiveFrom: String
    }

    @MemberwiseInit
    public struct CreateReply: Codable, Sendable {
        public var account: Account
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var tenant: String?
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var accounts: [Account]
    }
}
