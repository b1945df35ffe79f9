import MemberwiseInit

/// `io.parkd.Demo`: a living park to try parkd on.
public enum DemoAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Demo", methods: [load], definition: """
        # The demo park: a park shaped on the model park (firms, units, leases, an incubator and
        # monthly reports that add up to its published figures), loaded into an empty park.
        interface io.parkd.Demo

        # Loads the demo files in one transaction: all of them, or nothing. The small files come
        # whole; reports.csv is uploaded first, with io.parkd.Report.BeginImport and AddToImport.
        method Load(
          # units.csv: building, floor, number, area, kind, rent.
          units: string,
          # tenants.csv: name, creditCode, businessLines, origin, tags, movedIn.
          tenants: string,
          # leases.csv: tenant (credit code), units (rows of units.csv), start, end, rent, deposit.
          leases: string,
          # incubator.csv: name, founder, university, phdCount, seat (a row of units.csv), enteredOn.
          incubator: string,
          # The upload holding reports.csv (the columns of io.parkd.Report's CSV import).
          reportsImport: string,
          # events.csv: kind, title, start, end, venue, link, organiser (credit code), capacity, and the
          # outcome's employers, positions, jobSeekers, attendees, talks, exhibitors (empty when not published).
          events: ?string
        ) -> (
          # Units loaded.
          units: int,
          # Tenants loaded.
          tenants: int,
          # Leases loaded.
          leases: int,
          # Incubator projects loaded.
          projects: int,
          # Monthly reports loaded.
          reports: int,
          # Events loaded.
          events: int
        )
        """)

    public static let load = VarlinkMethod<Load, LoadReply>("io.parkd.Demo.Load", access: .write)

    @MemberwiseInit
    public struct Load: Codable, Sendable {
        public var units: String
        public var tenants: String
        public var leases: String
        public var incubator: String
        public var reportsImport: String
        public var events: String? = nil
    }

    @MemberwiseInit
    public struct LoadReply: Codable, Sendable, Equatable {
        public var units: Int
        public var tenants: Int
        public var leases: Int
        public var projects: Int
        public var reports: Int
        public var events: Int
    }
}
