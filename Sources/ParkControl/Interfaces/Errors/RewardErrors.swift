import MemberwiseInit

extension RewardAPI {
    public static let errors: [any DeclaredError.Type] = [
        NoSuchRun.self, RunNotDraft.self, NoDifferences.self, RunOutdated.self, RunChanged.self, CalculationFailed.self, RunNotAsRecorded.self,
    ]

    @MemberwiseInit
    public struct RunNotAsRecorded: DeclaredError {
        public static let name = "io.parkd.Reward.RunNotAsRecorded"
        public static let kind = FailureKind.internalError
        public var run: Int64
        public var difference: String
        public var sentence: String {
            "run \(run) is not the run the audit trail recorded when it was computed (\(difference)): it was changed in the database file, "
                + "and it is not approved (`parkctl reward verify \(run)`; compute the period again)"
        }
    }

    @MemberwiseInit
    public struct NoSuchRun: DeclaredError {
        public static let name = "io.parkd.Reward.NoSuchRun"
        public static let kind = FailureKind.notFound
        public var run: Int64
        public var sentence: String { "no reward run has id \(run)" }
    }

    @MemberwiseInit
    public struct RunNotDraft: DeclaredError {
        public static let name = "io.parkd.Reward.RunNotDraft"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var status: String
        public var sentence: String {
            status == "superseded"
                ? "run \(run) is superseded, not a draft: a later run of its period computed its amounts again; approve that one"
                : "run \(run) is \(status), not a draft; approved runs never change"
        }
    }

    @MemberwiseInit
    public struct NoDifferences: DeclaredError {
        public static let name = "io.parkd.Reward.NoDifferences"
        public static let kind = FailureKind.invalidInput
        public var period: String
        public var run: Int64
        public var sentence: String { "nothing to adjust: the data still gives what was approved for \(period) (run \(run))" }
    }

    @MemberwiseInit
    public struct RunOutdated: DeclaredError {
        public static let name = "io.parkd.Reward.RunOutdated"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var period: String
        public var approvedSince: [Int64]
        public var sentence: String {
            "run \(run) was computed before \(approvedSince.count == 1 ? "run" : "runs") \(approvedSince.map(String.init).joined(separator: ", ")) "
                + "of \(period) was approved; approving it would count amounts twice: compute it again with "
                + "`parkctl reward run --period \(period)`"
        }
    }

    @MemberwiseInit
    public struct RunChanged: DeclaredError {
        public static let name = "io.parkd.Reward.RunChanged"
        public static let kind = FailureKind.invalidInput
        /// How many changed amounts the error lists at most.
        public static let listed = 20
        public var run: Int64
        public var period: String
        public var changes: [String]
        public var more: Int? = nil
        public var sentence: String {
            "run \(run) no longer holds what the data gives for \(period): " + changes.joined(separator: "; ")
                + (more.map { "; and \($0) more" } ?? "") + "; compute it again with `parkctl reward run --period \(period)`"
        }
    }

    @MemberwiseInit
    public struct CalculationFailed: DeclaredError {
        public static let name = "io.parkd.Reward.CalculationFailed"
        public static let kind = FailureKind.invalidInput
        public var message: String
        public var sentence: String { "calculation failed: \(message)" }
    }
}
