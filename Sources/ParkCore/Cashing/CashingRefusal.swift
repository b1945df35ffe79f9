/// A step of paying rewards that the park's rules refuse; nothing was changed. The daemon
/// answers each with its interface's declared error.
public enum CashingRefusal: Error, Equatable, Sendable {
    /// Only an approved run is put on notice.
    case runNotApproved(run: Int64, status: String)
    /// The run is already on notice (or was).
    case noticeExists(run: Int64, endsOn: CivilDate)
    case noSuchNotice(run: Int64)
    /// A notice closes only after its last day.
    case noticeNotEnded(run: Int64, endsOn: CivilDate, today: CivilDate)
    /// A notice closes once.
    case noticeClosed(run: Int64, closedAt: String)
    /// Objections are recorded only while the notice runs.
    case noticeEnded(run: Int64, endsOn: CivilDate)
    case noSuchLine(line: Int64)
    case noSuchObjection(objection: Int64)
    /// An objection is resolved once.
    case objectionResolved(objection: Int64, resolution: String)
    case noSuchBatch(batch: Int64)
    /// Four eyes: the batch's creator may not approve it.
    case sameApprover(batch: Int64, uid: Int64)
    /// The batch is not in the state the step needs (approve a created batch; export or import
    /// results of an approved one).
    case batchState(batch: Int64, status: String, needed: String)
    /// Nothing is payable, confirmed and unpaid in the runs asked for.
    case nothingToPay(reason: String)
    /// A batch is not as the audit trail last recorded it, or one the trail records made is
    /// gone (`RecordedBatch`; changed in the database file): nothing is done with the batch and
    /// no batch is made, so that no call records the change as its own.
    case notAsRecorded(difference: String)
    /// A bank result file refused whole, at its first bad row.
    case resultRefused(row: Int, reason: String)
    /// The amounts of a posting (`what`: "the lines of run 3") add up to more than the largest
    /// amount parkd holds.
    case totalTooLarge(of: String)
}
