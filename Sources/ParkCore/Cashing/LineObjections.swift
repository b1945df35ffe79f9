/// The objections raised against one line of a run's notice, as they stand: which are open and
/// which one was upheld. An upheld objection withdraws the line for good; an open one holds it.
public struct LineObjections: Equatable, Sendable {
    public let line: Int64
    /// Open objections, oldest first.
    public let open: [Int64]
    /// The objection upheld, if one was.
    public let upheld: Int64?

    public init(line: Int64, objections: [(id: Int64, resolution: ObjectionResolution?)]) {
        self.line = line
        open = objections.filter { $0.resolution == nil }.map(\.id).sorted()
        upheld = objections.filter { $0.resolution == .upheld }.map(\.id).min()
    }

    /// Refuses another objection to a line an upheld objection withdrew: it would hold nothing.
    public func checkNewObjection() throws(DomainError) {
        guard let upheld else { return }
        throw .invalid("line", "line \(line) was withdrawn from payment by objection \(upheld), upheld; another objection to it changes nothing")
    }
}
