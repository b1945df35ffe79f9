import ParkCore

/// An explanation as a run records and stores it: the rule and policy it names, and its steps
/// as compact typed parts (`StepText`), formatted into an `Explanation` only when shown.
///
/// Stored form (`encoded`): a format byte (1), the six names as texts (rule, title, clause,
/// policy, policy document, period), the amount's parts, then the steps (their byte count, then
/// the steps, which end the bytes: a stored explanation cut short is refused). A step is
/// its kind (a byte), its name's and value's parts (each a byte count then the parts), and its
/// source's and context's (each a byte count plus one, zero when it has none).
public struct CompactExplanation: Sendable, Equatable {
    public var rule: String
    public var title: String
    public var clause: String
    public var policy: String
    public var policyDocument: String
    public var period: String
    private(set) var amount: StepText
    /// The steps, encoded one after the other.
    private(set) var steps: [UInt8]

    private static let format: UInt8 = 1

    init(rule: String, title: String, clause: String, policy: String, policyDocument: String, period: String, fen: Int64, steps: [UInt8]) {
        self.rule = rule
        self.title = title
        self.clause = clause
        self.policy = policy
        self.policyDocument = policyDocument
        self.period = period
        amount = "\(Money(fen: fen))"
        self.steps = steps
    }

    /// An explanation already written out (runs stored before explanations were compact kept
    /// theirs as JSON text): each text becomes one part.
    public init(_ explanation: Explanation) {
        rule = explanation.rule
        title = explanation.title
        clause = explanation.clause
        policy = explanation.policy
        policyDocument = explanation.policyDocument
        period = explanation.period
        amount = StepText(explanation.amount)
        steps = []
        for step in explanation.steps {
            Self.appendStep(
                step.kind, name: StepText(step.name), value: StepText(step.value), source: step.source.map { StepText($0) },
                context: step.context.map { StepText($0) }, to: &steps)
        }
    }

    /// Reads the stored form, checking all of it.
    public init(encoded: some Collection<UInt8>) throws(CompactExplanationUnreadable) {
        let bytes = Array(encoded)
        do {
            var reader = CompactBytes.Reader(bytes[...])
            guard try reader.byte() == Self.format else { throw CompactBytes.Malformed() }
            rule = try reader.string()
            title = try reader.string()
            clause = try reader.string()
            policy = try reader.string()
            policyDocument = try reader.string()
            period = try reader.string()
            let amountBytes = try reader.slice(try reader.length())
            var amountReader = CompactBytes.Reader(amountBytes)
            _ = try StepText.read(&amountReader, count: amountBytes.count, formatting: false)
            amount = StepText(encoded: Array(amountBytes))
            steps = Array(try reader.slice(try reader.length()))
            guard reader.isAtEnd else { throw CompactBytes.Malformed() }
            var stepsReader = CompactBytes.Reader(steps[...])
            while !stepsReader.isAtEnd { _ = try Self.readStep(&stepsReader, formatting: false) }
        } catch {
            throw CompactExplanationUnreadable()
        }
    }

    public var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.format]
        bytes.reserveCapacity(64 + rule.utf8.count + title.utf8.count + clause.utf8.count + policyDocument.utf8.count + steps.count)
        for text in [rule, title, clause, policy, policyDocument, period] { CompactBytes.append(text: text, to: &bytes) }
        CompactBytes.appendVarint(UInt64(amount.bytes.count), to: &bytes)
        amount.bytes.withBytes { bytes.append(contentsOf: $0) }
        CompactBytes.appendVarint(UInt64(steps.count), to: &bytes)
        bytes.append(contentsOf: steps)
        return bytes
    }

    /// The amount after a change (budget scaling, an adjustment).
    mutating func setAmount(fen: Int64) {
        amount = "\(Money(fen: fen))"
    }

    /// Adds a step that concerns the whole period (no span of days).
    mutating func append(_ kind: ExplanationStep.Kind, name: StepText, value: StepText, source: StepText?) {
        Self.appendStep(kind, name: name, value: value, source: source, context: nil, to: &steps)
    }

    /// The explanation as it is shown.
    public func formatted() -> Explanation {
        var shown: [ExplanationStep] = []
        var reader = CompactBytes.Reader(steps[...])
        // Checked when read from storage, and made well formed by the engine otherwise.
        while !reader.isAtEnd, let step = try? Self.readStep(&reader, formatting: true) { shown.append(step) }
        return Explanation(
            rule: rule, title: title, clause: clause, policy: policy, policyDocument: policyDocument, period: period, amount: amount.text,
            steps: shown)
    }

    static func appendStep(
        _ kind: ExplanationStep.Kind, name: StepText, value: StepText, source: StepText?, context: StepText?, to bytes: inout [UInt8]
    ) {
        bytes.append(kind.code)
        CompactBytes.appendVarint(UInt64(name.bytes.count), to: &bytes)
        name.bytes.withBytes { bytes.append(contentsOf: $0) }
        CompactBytes.appendVarint(UInt64(value.bytes.count), to: &bytes)
        value.bytes.withBytes { bytes.append(contentsOf: $0) }
        appendOptional(source, to: &bytes)
        appendOptional(context, to: &bytes)
    }

    /// Whether the step encoded at `start` of `steps` has this kind and name (encoded).
    static func step(at start: Int, in steps: [UInt8], is kind: ExplanationStep.Kind, named name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard steps[start] == kind.code else { return false }
        var reader = CompactBytes.Reader(steps[(start + 1)...])
        guard let count = try? reader.length(), count == name.count else { return false }
        return steps[reader.offset..<reader.offset + count].elementsEqual(name)
    }

    private static func appendOptional(_ text: StepText?, to bytes: inout [UInt8]) {
        guard let text else { return bytes.append(0) }
        CompactBytes.appendVarint(UInt64(text.bytes.count) + 1, to: &bytes)
        text.bytes.withBytes { bytes.append(contentsOf: $0) }
    }

    private static func readStep(_ reader: inout CompactBytes.Reader, formatting: Bool) throws(CompactBytes.Malformed) -> ExplanationStep {
        guard let kind = ExplanationStep.Kind(code: try reader.byte()) else { throw CompactBytes.Malformed() }
        let name = try StepText.read(&reader, count: try reader.length(), formatting: formatting)
        let value = try StepText.read(&reader, count: try reader.length(), formatting: formatting)
        func optional(_ reader: inout CompactBytes.Reader) throws(CompactBytes.Malformed) -> String? {
            let count = try reader.varint()
            guard count > 0 else { return nil }
            return try StepText.read(&reader, count: Int(clamping: count - 1), formatting: formatting)
        }
        let source = try optional(&reader), context = try optional(&reader)
        return ExplanationStep(kind: kind, name: name, value: value, source: source, context: context)
    }
}

/// Stored explanation bytes that are not a compact explanation.
public struct CompactExplanationUnreadable: Error, Sendable {}

extension ExplanationStep.Kind {
    /// The kind's byte in a compact explanation.
    var code: UInt8 {
        switch self {
        case .input: 0
        case .parameter: 1
        case .value: 2
        case .rule: 3
        case .result: 4
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .input
        case 1: self = .parameter
        case 2: self = .value
        case 3: self = .rule
        case 4: self = .result
        default: return nil
        }
    }
}
