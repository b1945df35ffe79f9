import MemberwiseInit

extension UnitAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchUnit.self, UnitExists.self]

    @MemberwiseInit
    public struct NoSuchUnit: DeclaredError {
        public static let name = "io.parkd.Unit.NoSuchUnit"
        public static let kind = FailureKind.notFound
        public var unit: Int64? = nil
        public var label: String? = nil
        public var sentence: String { label.map { "no unit has label '\($0)'" } ?? "no unit has id \(unit.map(String.init) ?? "?")" }
    }

    @MemberwiseInit
    public struct UnitExists: DeclaredError {
        public static let name = "io.parkd.Unit.UnitExists"
        public static let kind = FailureKind.invalidInput
        public var unit: String
        public var id: Int64
        public var sentence: String { "unit \(unit) already exists (id \(id))" }
    }
}
