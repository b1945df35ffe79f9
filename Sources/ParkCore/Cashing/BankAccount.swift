import MemberwiseInit

/// The account a tenant is paid into: the name on it (which must be the tenant's registered
/// name: a park pays the firm, never a person or another firm), the bank, the account number and
/// the day it takes effect. A change is a new account from a later day; the history is kept.
@MemberwiseInit
public struct BankAccount: Equatable, Sendable {
    public let accountName: String
    public let bank: String
    public let number: BankAccountNumber
    public let effectiveFrom: CivilDate

    /// Decides a new account of a tenant registered as `registeredName`, whose accounts so far
    /// are `history`: the name must be the registered name exactly, the bank named, and it takes
    /// effect after the latest account (a change never rewrites which account was in force).
    ///
    /// `lastTaken`: the latest payment batch (not cancelled) that took one of the tenant's
    /// accounts, the day whose account it took, and whether it is approved (one that is not may
    /// be cancelled instead). A new account takes effect after that day:
    /// from an earlier one, the history would say a batch paid into an account other than the
    /// one in force.
    ///
    /// An account's rows are never changed, so a slip is caught here: it takes effect at most a
    /// year after `today` (a year mistyped, 2099, would hold every change back until then), and
    /// its number is no other firm's (`holder` tells whose it is: an account is in one firm's name).
    public static func decide(
        accountName: String, bank: String, number: String, effectiveFrom: CivilDate, registeredName: String, history: [BankAccount],
        lastTaken: (batch: Int64, on: CivilDate, approved: Bool)?, today: CivilDate,
        holder: (BankAccountNumber) -> (tenant: Int64, name: String)? = { _ in nil }
    ) throws(DomainError) -> BankAccount {
        let name = accountName.trimmingWhitespace()
        let registered = registeredName.trimmingWhitespace()
        guard name.hasSameCodePoints(as: registered) else {
            if name == registered, let (given, expected) = zip(name.unicodeScalars, registered.unicodeScalars).first(where: { $0 != $1 }) {
                // Equal to the eye (a compatibility ideograph, a decomposed accent), not to a bank.
                throw .invalid("accountName", "'\(accountName)' reads as the tenant's registered name but is written with other characters: "
                    + "\(FieldText.codePoint(given)) where the registered name has \(FieldText.codePoint(expected)); a bank compares names "
                    + "character by character: give the name as registered")
            }
            throw .invalid("accountName", "'\(accountName)' is not the tenant's registered name '\(registeredName)'; a reward is paid only into an account in the firm's own name")
        }
        guard !bank.trimmingWhitespace().isEmpty else { throw .invalid("bank", "name the bank and branch") }
        // It goes into the bank file as it is: one line, no control character.
        let bank = try FieldText.text(bank, field: "bank", maxLength: 100)
        let number = try BankAccountNumber.parse(number, field: "number")
        if let other = holder(number) {
            throw .invalid("number", "account \(number.masked) is recorded for tenant \(other.tenant) (\(other.name)); an account is in one firm's own name")
        }
        let latestDay = today.addingYears(1) ?? today
        guard effectiveFrom <= latestDay else {
            throw .invalid("effectiveFrom", "\(effectiveFrom) is more than a year after today (\(today)); an account is recorded once the firm gives it, from \(latestDay) at the latest")
        }
        if let latest = history.max(by: { $0.effectiveFrom < $1.effectiveFrom }), effectiveFrom <= latest.effectiveFrom {
            throw .invalid("effectiveFrom", "the tenant's account \(latest.number.masked) takes effect on \(latest.effectiveFrom); a new account takes effect on a later day")
        }
        if let lastTaken, effectiveFrom <= lastTaken.on {
            let instead = lastTaken.approved ? "" : ", or cancel the batch first"
            throw .invalid("effectiveFrom", "payment batch \(lastTaken.batch) pays the tenant into the account in force on \(lastTaken.on); a new account takes effect on a later day (\(lastTaken.on.adding(days: 1)) or after)\(instead)")
        }
        return BankAccount(accountName: name, bank: bank, number: number, effectiveFrom: effectiveFrom)
    }

    /// The account in force on `day`: the one that took effect last on or before it.
    public static func inForce(_ history: [BankAccount], on day: CivilDate) -> BankAccount? {
        history.filter { $0.effectiveFrom <= day }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}

/// A bank account number as Chinese banks give them: 10 to 30 digits (a corporate settlement
/// account, 对公账户, is often 12 to 25), written with or without spaces or hyphens between groups.
@MemberwiseInit
public struct BankAccountNumber: Hashable, Sendable, CustomStringConvertible {
    /// The digits alone.
    public let digits: String

    public static func parse(_ text: String, field: String) throws(DomainError) -> BankAccountNumber {
        let digits = String(text.filter { $0 != " " && $0 != "-" })
        // Groups of digits, each followed by at most one space or hyphen before the next.
        let groups = text.split(separator: " ", omittingEmptySubsequences: false).flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), groups.allSatisfy({ !$0.isEmpty }) else {
            throw .invalid(field, "'\(text)' is not an account number: digits only, spaces or hyphens between groups allowed")
        }
        guard (10...30).contains(digits.count) else {
            throw .invalid(field, "'\(text)' has \(digits.count) digits; a bank account number has 10 to 30")
        }
        guard Set(digits).count > 1 else { throw .invalid(field, "'\(text)' repeats one digit: not an account number") }
        return BankAccountNumber(digits: digits)
    }

    /// The last four digits, for messages and lists that people read over others' shoulders.
    public var masked: String { "…" + digits.suffix(4) }

    public var description: String { digits }
}

