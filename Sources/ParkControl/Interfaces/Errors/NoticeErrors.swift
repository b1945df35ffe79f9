import MemberwiseInit

extension NoticeAPI {
    public static let errors: [any DeclaredError.Type] = [
        NoSuchNotice.self, NoticeExists.self, RunNotApproved.self, NoticeNotEnded.self, NoticeEnded.self, NoSuchLine.self,
        NoSuchObjection.self, ObjectionResolved.self,
    ]

    @MemberwiseInit
    public struct NoSuchNotice: DeclaredError {
        public static let name = "io.parkd.Notice.NoSuchNotice"
        public static let kind = FailureKind.notFound
        public var run: Int64
        public var sentence: String { "run \(run) is not on notice; publish it with `parkctl reward notice publish \(run)`" }
    }

    @MemberwiseInit
    public struct NoticeExists: DeclaredError {
        public static let name = "io.parkd.Notice.NoticeExists"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var endsOn: String
        public var sentence: String { "run \(run) is already on notice, until \(endsOn)" }
    }

    @MemberwiseInit
    public struct RunNotApproved: DeclaredError {
        public static let name = "io.parkd.Notice.RunNotApproved"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var status: String
        public var sentence: String { "run \(run) is \(status == "draft" ? "a draft" : status); only an approved run is noticed, confirmed or paid" }
    }

    @MemberwiseInit
    public struct NoticeNotEnded: DeclaredError {
        public static let name = "io.parkd.Notice.NoticeNotEnded"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var endsOn: String
        public var today: String
        public var sentence: String { "the notice of run \(run) runs until \(endsOn) (today is \(today)); close it after that day" }
    }

    @MemberwiseInit
    public struct NoticeEnded: DeclaredError {
        public static let name = "io.parkd.Notice.NoticeEnded"
        public static let kind = FailureKind.invalidInput
        public var run: Int64
        public var endsOn: String
        public var sentence: String { "the notice of run \(run) ended on \(endsOn); objections are taken only while it runs" }
    }

    @MemberwiseInit
    public struct NoSuchLine: DeclaredError {
        public static let name = "io.parkd.Notice.NoSuchLine"
        public static let kind = FailureKind.notFound
        public var line: Int64
        public var sentence: String { "no reward line has id \(line)" }
    }

    @MemberwiseInit
    public struct NoSuchObjection: DeclaredError {
        public static let name = "io.parkd.Notice.NoSuchObjection"
        public static let kind = FailureKind.notFound
        public var objection: Int64
        public var sentence: String { "no objection has id \(objection)" }
    }

    @MemberwiseInit
    public struct ObjectionResolved: DeclaredError {
        public static let name = "io.parkd.Notice.ObjectionResolved"
        public static let kind = FailureKind.invalidInput
        public var objection: Int64
        public var resolution: String
        public var sentence: String { "objection \(objection) was already \(resolution); an objection is resolved once" }
    }
}
