/// The bytes of a `StepText`: held inline while they are few (most names, values and sources
/// of a step), so recording a step allocates nothing; in an array once they outgrow it.
struct PartBytes: Sendable, Hashable, ByteSink {
    private static let inlineCapacity = 46
    private var inline = InlineArray<46, UInt8>(repeating: 0)
    private var inlineCount: UInt8 = 0
    /// Every byte, once they no longer fit inline.
    private var spilled: [UInt8]?

    init() {}

    init(_ bytes: [UInt8]) {
        self.init()
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    var count: Int { spilled?.count ?? Int(inlineCount) }

    /// The bytes, for whatever reads or copies them.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let spilled { return try spilled.withUnsafeBufferPointer(body) }
        var inline = inline
        let count = Int(inlineCount)
        return try withUnsafeBytes(of: &inline) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    var array: [UInt8] { withBytes { Array($0) } }

    mutating func append(_ byte: UInt8) {
        if spilled == nil, Int(inlineCount) < Self.inlineCapacity {
            inline[Int(inlineCount)] = byte
            inlineCount += 1
        } else {
            spill(reserving: 1)
            spilled!.append(byte)
        }
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let start = Int(inlineCount)
        if spilled == nil, start + bytes.count <= Self.inlineCapacity {
            withUnsafeMutableBytes(of: &inline) { raw in
                UnsafeMutableRawBufferPointer(rebasing: raw[start..<start + bytes.count]).copyMemory(from: UnsafeRawBufferPointer(bytes))
            }
            inlineCount += UInt8(bytes.count)
        } else {
            spill(reserving: bytes.count)
            spilled!.append(contentsOf: bytes)
        }
    }

    mutating func append(_ other: PartBytes) {
        other.withBytes { append(contentsOf: $0) }
    }

    private mutating func spill(reserving extra: Int) {
        guard spilled == nil else { return }
        var all: [UInt8] = []
        all.reserveCapacity(Int(inlineCount) + extra + 32)
        withBytes { all.append(contentsOf: $0) }
        spilled = all
    }

    static func == (lhs: PartBytes, rhs: PartBytes) -> Bool {
        lhs.count == rhs.count && lhs.withBytes { left in rhs.withBytes { right in left.elementsEqual(right) } }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
