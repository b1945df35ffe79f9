import MemberwiseInit

extension PaymentAPI {
    public static let errors: [any DeclaredError.Type] = [
        NoSuchBatch.self, SameApprover.self, BatchState.self, NothingToPay.self, ResultRefused.self, PaymentsNotAsRecorded.self,
    ]

    @MemberwiseInit
    public struct NoSuchBatch: DeclaredError {
        public static let name = "io.parkd.Payment.NoSuchBatch"
        public static let kind = FailureKind.notFound
        public var batch: Int64
        public var sentence: String { "no payment batch has id \(batch)" }
    }

    @MemberwiseInit
    public struct SameApprover: DeclaredError {
        public static let name = "io.parkd.Payment.SameApprover"
        public static let kind = FailureKind.permissionDenied
        public var batch: Int64
        public var uid: Int64
        public var sentence: String { "uid \(uid) made batch \(batch) and may not approve it: a second administrator approves a batch" }
    }

    @MemberwiseInit
    public struct BatchState: DeclaredError {
        public static let name = "io.parkd.Payment.BatchState"
        public static let kind = FailureKind.invalidInput
        public var batch: Int64
        public var status: String
        public var needed: String
        public var sentence: String {
            switch (needed, status) {
            case ("approved", "created"):
                "batch \(batch) is not approved yet; a second administrator approves it with `parkctl payment batch approve \(batch)`"
            case ("approved", _): "batch \(batch) is \(status): only an approved batch goes to the bank"
            case (_, "approved"):
                "batch \(batch) is already approved: it went to the bank and stands; import the bank's result "
                    + "(`parkctl payment batch import-result`), and a failed line is paid by a next batch"
            default: "batch \(batch) is already \(status)"
            }
        }
    }

    @MemberwiseInit
    public struct NothingToPay: DeclaredError {
        public static let name = "io.parkd.Payment.NothingToPay"
        public static let kind = FailureKind.invalidInput
        public var reason: String
        public var sentence: String { "nothing to pay: \(reason)" }
    }

    @MemberwiseInit
    public struct PaymentsNotAsRecorded: DeclaredError {
        public static let name = "io.parkd.Payment.PaymentsNotAsRecorded"
        public static let kind = FailureKind.internalError
        public var difference: String
        public var sentence: String {
            "payments are not as the audit trail recorded them (\(difference)): the database file was changed behind parkd's back, "
                + "and nothing is paid or recorded until it is set right, so that no call records the change as its own "
                + "(`parkctl payment verify` names it; restore a backup from before the change with parkd --restore)"
        }
    }

    @MemberwiseInit
    public struct ResultRefused: DeclaredError {
        public static let name = "io.parkd.Payment.ResultRefused"
        public static let kind = FailureKind.invalidInput
        public var row: Int
        public var reason: String
        public var sentence: String { "bank result refused, nothing recorded: row \(row): \(reason)" }
    }
}
