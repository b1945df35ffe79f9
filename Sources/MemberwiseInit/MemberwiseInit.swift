/// Swift's memberwise initialiser, made public: `public init` with a parameter for each stored
/// property in the order declared, labelled by its name. A `var` declared with a value gives its
/// parameter that default (`public var tags: [String]? = nil`); a `let` declared with a value is
/// not a parameter. Other modules build the wire types and the domain's values with it.
@attached(member, names: named(init))
public macro MemberwiseInit() = #externalMacro(module: "ParkMacros", type: "MemberwiseInitMacro")
