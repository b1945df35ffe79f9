import MemberwiseInit

/// Where an approved line stands on its way to the bank, decided from what was recorded about
/// it: the run's notice, objections, confirmation and payments.
public enum CashingState: String, Sendable, CaseIterable {
    /// Not yet released: the run is not on notice, the notice runs, or an objection is open.
    case held
    /// Withdrawn after an upheld objection.
    case withdrawn
    /// Released and not paid (whether or not in a batch awaiting the bank).
    case payable
    /// Paid: to the bank, or by offsetting what the tenant owes.
    case paid
}

/// What is known about one approved line, for deciding its state.
@MemberwiseInit
public struct CashingLine: Equatable, Sendable {
    public enum Notice: Equatable, Sendable {
        case none, running, closed
    }

    public var id: Int64
    public var run: Int64
    public var tenant: Int64
    public var amount: Money
    public var notice: Notice
    public var openObjection: Bool
    public var upheld: Bool
    public var confirmed: Bool
    /// In a batch whose bank result is not in yet.
    public var inOpenBatch: Bool
    public var paid: Bool

    public var state: CashingState {
        if paid { return .paid }
        if upheld { return .withdrawn }
        if notice != .closed || openObjection { return .held }
        return .payable
    }

    /// A receivable: an amount the tenant owes back (a rent clawback, or an adjustment down).
    public var isReceivable: Bool { amount.fen < 0 }

    /// A receivable the tenant owes now: its run's notice closed, no objection to it open and
    /// none upheld. Only a released receivable is offset against what the tenant is paid.
    public var isReleasedReceivable: Bool { isReceivable && notice == .closed && !openObjection && !upheld }

    /// May go into a new batch: payable, confirmed when confirmation is required, in no open batch.
    public func isBatchable(confirmationRequired: Bool) -> Bool {
        !isReceivable && amount.fen > 0 && state == .payable && !inOpenBatch && (confirmed || !confirmationRequired)
    }
}
