import MemberwiseInit

/// `io.parkd.Stats`: the operator's headline figures.
public enum StatsAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Stats", methods: [park], definition: """
        # The park's published figures, computed from its own data. Money is a decimal string
        # in yuan, areas in m², counts in person-times where the park counts services.
        interface io.parkd.Stats

        # A count under a name (a status, a business line).
        type Count (
          # The status or the business line.
          name: string,
          # How many tenants.
          count: int
        )

        # Reported figures summed over months (current report versions).
        type Totals (
          # Reports counted.
          reports: int,
          # Revenue in yuan.
          revenue: string,
          # Tax paid in yuan.
          tax: string,
          \(SharedFields.lines(SharedFields.reportFlows))
        )

        # What the park's events of one kind achieved: those ending in the period.
        type EventFigures (
          # job-fair, online-job-fair, policy-briefing, matching-meeting, forum, training, online-quiz or other.
          kind: string,
          # Events held.
          held: int,
          # Events cancelled.
          cancelled: int,
          # Held events whose outcome is recorded (the sums below are theirs).
          withOutcome: int,
          \(SharedFields.lines(SharedFields.eventOutcome))
        )

        # Rewards paid under one rule in one year.
        type PaidRule (
          # The year paid.
          year: int,
          # Rule id.
          rule: string,
          # Lines paid.
          lines: int,
          # Amount paid in yuan (transfers and offsets).
          amount: string
        )

        # One month's sums.
        type MonthTotals (
          # YYYY-MM.
          month: string,
          # The month's reported figures.
          totals: Totals
        )

        # Figures for the days from..to: registry and leases as on `to`, reports of the
        # months the period touches.
        method Park(
          # First day (YYYY-MM-DD; default 1 January of the year of `to`).
          from: ?string,
          # Last day (YYYY-MM-DD; default today).
          to: ?string,
          # Include month-by-month sums.
          monthly: ?bool,
          # From the park's first day instead of `from` (the earliest day a firm applied or an
          # event began; `to` when there is none yet); refused with `from`.
          sinceOpening: ?bool
        ) -> (
          # First day of the period (YYYY-MM-DD).
          from: string,
          # Last day of the period (YYYY-MM-DD).
          to: string,
          # Tenants per status on `to`, in lifecycle order.
          tenantsByStatus: []Count,
          # Tenants in the park on `to` per business line.
          tenantsByBusinessLine: []Count,
          # Tenants that became active during the period.
          newTenants: int,
          # Office area leased on `to`, m².
          leasedOfficeArea: string,
          # All office area, m².
          officeArea: string,
          # Leased ÷ all office area, percent with two decimals.
          occupancyPercent: string,
          # Incubator projects incubating on `to`.
          incubatorProjects: int,
          # Incubator seats.
          incubatorSeats: int,
          # Incubator seats occupied on `to`.
          incubatorSeatsOccupied: int,
          # Occupied ÷ all seats, percent with two decimals.
          incubatorOccupancyPercent: string,
          # PhD-level talents linked to the projects incubating on `to`.
          incubatorPhdTalents: int,
          # Reported figures of the months the period touches.
          totals: Totals,
          # The same, month by month, when `monthly` is true; empty otherwise.
          monthly: []MonthTotals,
          # The events ending in the period, by kind (kinds without any left out).
          events: []EventFigures,
          # Rewards paid per year and rule, for the years from `from` to `to`.
          paid: []PaidRule
        )

        """)

    public static let park = VarlinkMethod<Park, ParkReply>("io.parkd.Stats.Park", access: .read)

    @MemberwiseInit
    public struct Count: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    @MemberwiseInit
    public struct Totals: Codable, Sendable, Equatable {
        public var reports: Int
        public var revenue: String
        public var tax: String
        public var employersServed: Int
        public var workersDispatched: Int
        public var workersOutsourced: Int
        public var jobSeekersServed: Int
        public var placements: Int
        public var trainingSessions: Int
        public var trainingAttendees: Int
        public var phdHires: Int
    }

    @MemberwiseInit
    public struct EventFigures: Codable, Sendable, Equatable {
        public var kind: String
        public var held: Int
        public var cancelled: Int
        public var withOutcome: Int
        public var employers: Int
        public var positions: Int
        public var jobSeekers: Int
        public var attendees: Int
        public var talks: Int
        public var exhibitors: Int
    }

    @MemberwiseInit
    public struct PaidRule: Codable, Sendable, Equatable {
        public var year: Int
        public var rule: String
        public var lines: Int
        public var amount: String
    }

    @MemberwiseInit
    public struct MonthTotals: Codable, Sendable, Equatable {
        public var month: String
        public var totals: Totals
    }

    @MemberwiseInit
    public struct Park: Codable, Sendable {
        public var from: String? = nil
        public var to: String? = nil
        public var monthly: Bool? = nil
        public var sinceOpening: Bool? = nil
    }

    @MemberwiseInit
    public struct ParkReply: Codable, Sendable {
        public var from: String
        public var to: String
        public var tenantsByStatus: [Count]
        public var tenantsByBusinessLine: [Count]
        public var newTenants: Int
        public var leasedOfficeArea: String
        public var officeArea: String
        public var occupancyPercent: String
        public var incubatorProjects: Int
        public var incubatorSeats: Int
        public var incubatorSeatsOccupied: Int
        public var incubatorOccupancyPercent: String
        public var incubatorPhdTalents: Int
        public var totals: Totals
        public var monthly: [MonthTotals]
        public var events: [EventFigures] = []
        public var paid: [PaidRule] = []
    }
}
