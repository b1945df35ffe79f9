extension PaymentAPI {
    public static let errors: [any DeclaredError.Type] = [
        NoSuchBatch.self, SameApprover.self, BatchState.self, NothingToPay.self, ResultRefused.self,
    ]

    public struct NoSuchBatch: DeclaredError {
        public static let name = "io.parkd.Payment.NoSuchBatch"
        public static let kind = FailureKind.notFound
        public var batch: Int64
        public init(batch: Int64) { self.batch = batch }
        public var sentence: String { "no payment batch has id \(batch)" }
    }

    public struct SameApprover: DeclaredError {
        public static let name = "io.parkd.Payment.SameApprover"
        public static let kind = FailureKind.permissionDenied
        public var batch: Int64
        public var uid: Int64
        public init(batch: Int64, uid: Int64) {
            self.batch = batch
            self.uid = uid
        }
        public var sentence: String { "uid \(uid) made batch \(batch) and may not approve it: a second administrator approves a batch" }
    }

    public struct BatchState: DeclaredError {
        public static let name = "io.parkd.Payment.BatchState"
        public static let kind = FailureKind.invalidInput
        public var batch: Int64
        public var status: String
        public var needed: String
        public init(batch: Int64, status: String, needed: String) {
            self.batch = batch
            self.status = status
            self.needed = needed
        }
        public var sentence: String {
            needed == "approved"
                ? "batch \(batch) is not approved yet; a second administrator approves it with `parkctl payment batch approve \(batch)`"
                : "batch \(batch) is already \(status)"
        }
    }

    public struct NothingToPay: DeclaredError {
        public static let name = "io.parkd.Payment.NothingToPay"
        public static let kind = FailureKind.invalidInput
        public var reason: String
        public init(reason: String) { self.reason = reason }
        public var sentence: String { "nothing to pay: \(reason)" }
    }

    public struct ResultRefused: DeclaredError {
        public static let name = "io.parkd.Payment.ResultRefused"
        public static let kind = FailureKind.invalidInput
        public var row: Int
        public var reason: String
        public init(row: Int, reason: String) {
            self.row = row
            self.reason = reason
        }
        public var sentence: String { "bank result refused, nothing recorded: row \(row): \(reason)" }
    }
}
