/// The columns a payment and the copy a cancelled batch keeps of one share: what a listed item
/// is made of, whichever table holds it.
protocol PaymentItemColumns {
    var paymentBatchId: Int64 { get }
    var rewardLineId: Int64 { get }
    var tenantId: Int64 { get }
    var accountName: String { get }
    var bank: String { get }
    var accountNumber: String { get }
    var grossFen: Int64 { get }
    var amountFen: Int64 { get }
    var purpose: String { get }
}

extension PaymentItemRecord: PaymentItemColumns {}
extension CancelledPaymentItemRecord: PaymentItemColumns {}
