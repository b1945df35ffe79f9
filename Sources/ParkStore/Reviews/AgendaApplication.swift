/// An application on an agenda, by the names the park knows it by.
public struct AgendaApplication: Sendable, Equatable {
    public var application: Int64
    public var name: String
    public var creditCode: String
}
