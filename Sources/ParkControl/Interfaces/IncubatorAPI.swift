import MemberwiseInit

/// `io.parkd.Incubator`: the startup incubator's projects and seats.
public enum IncubatorAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Incubator", methods: [create, list, graduate, occupancy], errors: errors, definition: """
        # The incubator (创业创新孵化中心): startup projects occupying incubator seats (units of
        # kind incubator) from their entry to their graduation.
        interface io.parkd.Incubator

        # A startup project in the incubator.
        type Project (
          # Stable numeric id.
          id: int,
          # The project's name.
          name: string,
          # Its founder's name.
          founder: string,
          # Team members, as the park records them.
          team: ?string,
          # The founder's university.
          university: ?string,
          # PhD-level talents linked to the project.
          phdCount: int,
          # Unit ids of the seats it occupies.
          seats: []int,
          # The seats' labels (building-number, e.g. B-101), in the order of seats.
          seatLabels: ?[]string,
          # First day in the incubator (YYYY-MM-DD).
          enteredOn: string,
          # First day gone, when it graduated (YYYY-MM-DD).
          graduatedOn: ?string
        )

        # Admits a project; its seats must be incubator units free on its days.
        method Create(
          # The project's name.
          name: string,
          # Its founder's name.
          founder: string,
          # Team members, as the park records them.
          team: ?string,
          # The founder's university.
          university: ?string,
          # PhD-level talents linked to the project, 0 to 1000 (default 0).
          phdCount: ?int,
          # Unit ids of the seats it occupies (at least one).
          seats: []int,
          # First day in the incubator (YYYY-MM-DD), not in the future.
          enteredOn: string,
          # For a project a park enters from its past: the first day it was gone, graduated
          # (after enteredOn, not in the future).
          graduatedOn: ?string
        ) -> (
          # The project admitted.
          project: Project
        )

        # Projects by id; with `on`, those incubating that day.
        method List(
          # Only projects incubating on this day (YYYY-MM-DD).
          on: ?string
        ) -> (
          # The projects, by id.
          projects: []Project
        )

        # Records a graduation: `on` is the first day the project is gone.
        method Graduate(
          # The project's id.
          project: int,
          # First day gone (YYYY-MM-DD).
          on: string
        ) -> (
          # The project as it is now.
          project: Project
        )

        # Seats occupied on a day (default today).
        method Occupancy(
          # The day (YYYY-MM-DD, default today).
          on: ?string
        ) -> (
          # The day (YYYY-MM-DD).
          on: string,
          # Incubator seats in the park.
          seats: int,
          # Seats occupied that day.
          occupied: int,
          # Projects incubating that day.
          projects: int,
          # Occupied ÷ seats, percent with two decimals.
          percent: string,
          # PhD-level talents linked to the projects incubating that day.
          phdTalents: int
        )

        # No project has this id.
        error NoSuchProject (
          # The id asked for.
          project: int
        )

        """)

    /// Answers its former name, Add, until the next release.
    public static let create = VarlinkMethod<Create, CreateReply>(
        "io.parkd.Incubator.Create", access: .write, formerNames: ["io.parkd.Incubator.Add"])
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Incubator.List", access: .read)
    public static let graduate = VarlinkMethod<Graduate, GraduateReply>("io.parkd.Incubator.Graduate", access: .write)
    public static let occupancy = VarlinkMethod<Occupancy, OccupancyReply>("io.parkd.Incubator.Occupancy", access: .read)

    @MemberwiseInit
    public struct Project: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var founder: String
        public var team: String?
        public var university: String?
        public var phdCount: Int
        public var seats: [Int64]
        public var seatLabels: [String]? = nil
        public var enteredOn: String
        public var graduatedOn: String?
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var name: String
        public var founder: String
        public var team: String?
        public var university: String?
        public var phdCount: Int?
        public var seats: [Int64]
        public var enteredOn: String
        public var graduatedOn: String? = nil
    }

    /// The reply of every method that answers with one project.
    @MemberwiseInit
    public struct ProjectReply: Codable, Sendable {
        public var project: Project
    }

    public typealias CreateReply = ProjectReply
    public typealias GraduateReply = ProjectReply

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var on: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var projects: [Project]
    }

    @MemberwiseInit
    public struct Graduate: Codable, Sendable {
        public var project: Int64
        public var on: String
    }

    @MemberwiseInit
    public struct Occupancy: Codable, Sendable {
        public var on: String? = nil
    }

    @MemberwiseInit
    public struct OccupancyReply: Codable, Sendable, Equatable {
        public var on: String
        public var seats: Int
        public var occupied: Int
        public var projects: Int
        public var percent: String
        public var phdTalents: Int
    }
}
