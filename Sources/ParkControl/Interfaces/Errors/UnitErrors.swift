extension UnitAPI {
    public static let errors: [any DeclaredError.Type] = [NoSuchUnit.self, UnitExists.self]

    public struct NoSuchUnit: DeclaredError {
        public static let name = "io.parkd.Unit.NoSuchUnit"
        public static let kind = FailureKind.notFound
        public var unit: Int64?
        public var label: String?
        public init(unit: Int64? = nil, label: String? = nil) {
            self.unit = unit
            self.label = label
        }
        public var sentence: String { label.map { "no unit has label \($0)" } ?? "no unit has id \(unit.map(String.init) ?? "?")" }
    }

    public struct UnitExists: DeclaredError {
        public static let name = "io.parkd.Unit.UnitExists"
        public static let kind = FailureKind.invalidInput
        public var unit: String
        public var id: Int64
        public init(unit: String, id: Int64) {
            self.unit = unit
            self.id = id
        }
        public var sentence: String { "unit \(unit) already exists (id \(id))" }
    }
}
