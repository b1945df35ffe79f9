import MemberwiseInit

/// `io.parkd.Unit`: the park's leasable units.
public enum UnitAPI {
    public static let interface = VarlinkInterface(name: "io.parkd.Unit", methods: [create, list, get, update], errors: errors, definition: """
        # Units of the park's buildings: offices, incubator seats and shared space.
        # Amounts are decimal strings in yuan ("35.00"), areas decimal strings in m² ("120.25").
        interface io.parkd.Unit

        # A leasable unit.
        type Unit (
          # Stable numeric id.
          id: int,
          # Building name or number.
          building: string,
          # Floor, if the park names one.
          floor: ?string,
          # Unit number within the building.
          number: string,
          # Area in m², two decimals.
          area: string,
          # office, incubator or shared.
          kind: string,
          # List rent in yuan per m² per month.
          listRent: string,
          # The first day it is in the park (YYYY-MM-DD): the park's area and seats on a day
          # count it from then. A lease or project holding it from an earlier day moved it back
          # to that day.
          availableFrom: string,
          # When the record was created (RFC 3339, UTC).
          createdAt: string,
          # When the record last changed (RFC 3339, UTC).
          updatedAt: string,
          # Only in Get's reply: the leases and projects holding the unit today (empty when
          # it is free).
          heldBy: ?[]Holder,
          # Only in Get's reply: the latest holder whose days ended before today, if any.
          lastHolder: ?Holder
        )

        # A lease or an incubator project holding a unit for a span of days.
        type Holder (
          # lease or project.
          kind: string,
          # The lease's or the project's id.
          id: int,
          # The tenant holding the unit through the lease (absent for a project).
          tenant: ?int,
          # The tenant's name, or the project's.
          name: string,
          # First day held (YYYY-MM-DD).
          from: string,
          # Last day held (YYYY-MM-DD): the lease's end or termination day, the day before
          # the project's graduation; absent while the project incubates.
          to: ?string
        )

        # Adds a unit; building and number together are unique.
        method Create(
          # Building name or number.
          building: string,
          # Floor, if the park names one.
          floor: ?string,
          # Unit number within the building.
          number: string,
          # Area in m², at most two decimals.
          area: string,
          # office, incubator or shared.
          kind: string,
          # List rent in yuan per m² per month.
          listRent: string,
          # The first day it is in the park (YYYY-MM-DD; default today): give it when entering
          # a park's history, so that earlier years count the unit as theirs.
          availableFrom: ?string
        ) -> (
          # The unit added.
          unit: Unit
        )

        # Units ordered by building and number.
        method List(
          # Only units of this building.
          building: ?string,
          # Only units of this kind.
          kind: ?string
        ) -> (
          # The units, by building and number.
          units: []Unit
        )

        # One unit, by id or by label, and who holds it.
        method Get(
          # The unit's id; or give its label.
          unit: ?int,
          # Building-number as the park writes it, e.g. A-1203.
          label: ?string
        ) -> (
          # The unit, with heldBy and lastHolder.
          unit: Unit
        )

        # Changes a unit; absent fields stay as they are.
        method Update(
          # The unit's id.
          unit: int,
          # New floor; empty to clear.
          floor: ?string,
          # New area in m².
          area: ?string,
          # New kind: office, incubator or shared.
          kind: ?string,
          # New list rent in yuan per m² per month.
          listRent: ?string,
          # New first day in the park (YYYY-MM-DD).
          availableFrom: ?string
        ) -> (
          # The unit as it is now.
          unit: Unit
        )

        # No unit has this id, or this label.
        error NoSuchUnit (
          # The id asked for, when the unit was asked for by id.
          unit: ?int,
          # The label asked for, when the unit was asked for by label.
          label: ?string
        )

        # Another unit has this building and number.
        error UnitExists (
          # Its label, building-number.
          unit: string,
          # Its id.
          id: int
        )

        """)

    public static let create = VarlinkMethod<Create, CreateReply>("io.parkd.Unit.Create", access: .write)
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Unit.List", access: .read)
    public static let get = VarlinkMethod<Get, GetReply>("io.parkd.Unit.Get", access: .read)
    public static let update = VarlinkMethod<Update, UpdateReply>("io.parkd.Unit.Update", access: .write)

    @MemberwiseInit
    public struct Unit: Codable, Sendable, Equatable {
        public var id: Int64
        public var building: String
        public var floor: String?
        public var number: String
        public var area: String
        public var kind: String
        public var listRent: String
        public var availableFrom: String
        public var createdAt: String
        public var updatedAt: String
        public var heldBy: [Holder]? = nil
        public var lastHolder: Holder? = nil

        /// `A-1203`.
        public var label: String { "\(building)-\(number)" }
    }

    @MemberwiseInit
    public struct Holder: Codable, Sendable, Equatable {
        public var kind: String
        public var id: Int64
        public var tenant: Int64?
        public var name: String
        public var from: String
        public var to: String?
    }

    @MemberwiseInit
    public struct Create: Codable, Sendable {
        public var building: String
        public var floor: String?
        public var number: String
        public var area: String
        public var kind: String
        public var listRent: String
        public var availableFrom: String? = nil
    }

    @MemberwiseInit
    public struct List: Codable, Sendable {
        public var building: String? = nil
        public var kind: String? = nil
    }

    @MemberwiseInit
    public struct ListReply: Codable, Sendable {
        public var units: [Unit]
    }

    @MemberwiseInit
    public struct Get: Codable, Sendable {
        public var unit: Int64? = nil
        public var label: String? = nil
    }

    /// The reply of every method that answers with one unit.
    @MemberwiseInit
    public struct UnitReply: Codable, Sendable {
        public var unit: Unit
    }

    public typealias CreateReply = UnitReply
    public typealias GetReply = UnitReply
    public typealias UpdateReply = UnitReply

    @MemberwiseInit
    public struct Update: Codable, Sendable {
        public var unit: Int64
        public var floor: String? = nil
        public var area: String? = nil
        public var kind: String? = nil
        public var listRent: String? = nil
        public var availableFrom: String? = nil
    }
}
