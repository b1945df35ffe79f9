import MemberwiseInit

/// Where a payment batch stands.
public enum PaymentBatchStatus: String, Sendable {
    /// Made, awaiting a second administrator's approval.
    case created
    /// Approved: exported to the bank, results imported.
    case approved
    /// Cancelled before approval: its lines were released.
    case cancelled
}

/// A payment batch as the steps after its making decide on it: what it is waiting for and who
/// made and approved it.
@MemberwiseInit
public struct PaymentBatch: Equatable, Sendable {
    public var id: Int64
    public var status: PaymentBatchStatus
    /// The uid of the administrator who made it.
    public var createdByUid: Int64
    /// The uid of the administrator who approved it, once approved.
    public var approvedByUid: Int64?

    /// The batch approved by the administrator `uid`: only a batch awaiting approval, and never
    /// by the uid that made it (four eyes). Its items the offsets cover whole transfer nothing
    /// and are settled when the approval is recorded.
    public func approve(by uid: Int64) throws(CashingRefusal) -> PaymentBatch {
        guard status == .created else { throw .batchState(batch: id, status: status.rawValue, needed: PaymentBatchStatus.created.rawValue) }
        guard createdByUid != uid else { throw .sameApprover(batch: id, uid: uid) }
        var approved = self
        approved.status = .approved
        approved.approvedByUid = uid
        return approved
    }

    /// The batch cancelled: only before its approval (an approved batch went to the bank, and
    /// its results are imported instead).
    public func cancel() throws(CashingRefusal) -> PaymentBatch {
        guard status == .created else { throw .batchState(batch: id, status: status.rawValue, needed: PaymentBatchStatus.created.rawValue) }
        var cancelled = self
        cancelled.status = .cancelled
        return cancelled
    }

    /// Refused unless the batch is approved: only an approved batch went to the bank, so only
    /// its file is exported and only its results are imported.
    public func checkAtTheBank() throws(CashingRefusal) {
        guard status == .approved else { throw .batchState(batch: id, status: status.rawValue, needed: PaymentBatchStatus.approved.rawValue) }
    }

    /// What the bank file of the batch holds: its items that transfer something, `transfer`
    /// giving each one's transfer. An item the offsets cover whole transfers nothing (it was
    /// settled on approval) and is left out. Refused unless the batch is approved.
    public func bankFile<Item>(_ items: [Item], transfer: (Item) -> Money) throws(CashingRefusal) -> [Item] {
        try checkAtTheBank()
        return items.filter { transfer($0).fen > 0 }
    }
}
