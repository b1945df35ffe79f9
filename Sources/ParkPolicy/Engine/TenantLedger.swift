import ParkCore

/// Computes one tenant's amounts rule by rule and period by period, remembering each: annual
/// caps, "earlier years" and clawbacks read earlier periods as the policies compute them, so
/// every amount is a function of the data alone, whether or not those periods were run.
final class TenantLedger {
    /// Deeper than this, a chain of rules reading earlier periods is taken for a loop.
    private static let maximumDepth = 1_000

    /// A rule's amount for a period before any budget scaling, and how it came about (the
    /// policy and the steps only when explaining: nothing else reads them).
    struct Computed {
        let fen: Int64
        let policy: Policy?
        /// Encoded as `CompactExplanation` keeps them.
        let steps: [UInt8]
    }

    /// An amount remembered for a period, valid while `tenant` is the ledger's current tenant.
    private struct Remembered {
        var tenant: Int
        var fen: Int64
    }

    /// The tenant computed; a run moves one ledger from tenant to tenant (`start(_:)`), so its
    /// memory is reused.
    private(set) var profile: TenantProfile
    let book: PolicyBook
    /// Amounts computed, by rule number then month (or year) from the tenant's first month on;
    /// periods before it are not remembered (no formula reads them). Entries of earlier tenants
    /// stay until overwritten: turning to the next tenant costs nothing, however many rules.
    private var monthly: [[Remembered]]
    private var yearly: [[Remembered]]
    /// Counts the tenants started: the stamp of the current tenant's amounts (0 stamps none).
    private var tenant = 1
    private var firstMonth: Int
    private var depth = 0
    /// By depth of computation (a rule reading another's amount computes one level deeper), the
    /// evaluation computing there: reused from rule to rule, as a run computes a great many.
    private var evaluations: [Evaluation] = []
    /// Rules computed so far (each tenant, rule and period once).
    private(set) var computations = 0
    /// Amounts earlier runs on the same inputs computed for every tenant (`ColumnarMemo`), read
    /// before computing an earlier period again; nil for the reference engine, which computes
    /// everything itself.
    private let kept: ColumnarMemo?
    /// The columns of `kept` looked up so far in this run, by rule number and period (nil: none).
    private var keptColumns: [KeptColumn: [Int64]?] = [:]
    /// The tenant's position in the inputs: its lane in a kept column.
    private var lane = 0

    private struct KeptColumn: Hashable {
        let number: Int
        let period: RewardPeriod
    }

    init(profile: TenantProfile, book: PolicyBook, kept: ColumnarMemo? = nil) {
        self.profile = profile
        self.book = book
        self.kept = kept
        firstMonth = profile.firstMonth ?? Int.max
        monthly = Array(repeating: [], count: book.timelines.count)
        yearly = Array(repeating: [], count: book.timelines.count)
    }

    /// Forgets the amounts computed so far and turns to another tenant, at position `lane` in
    /// the inputs.
    func start(_ profile: TenantProfile, lane: Int) {
        self.profile = profile
        self.lane = lane
        firstMonth = profile.firstMonth ?? Int.max
        tenant += 1
    }

    /// The tenant's amount of rule `number` for `period` in a column an earlier run kept.
    private func keptAmount(_ number: Int, _ period: RewardPeriod) -> Int64? {
        guard let kept else { return nil }
        let key = KeptColumn(number: number, period: period)
        if let known = keptColumns[key] { return known?[lane] }
        let column = kept.column(book.ruleIDs[number], period, policies: book.policies)
        keptColumns[key] = .some(column)
        return column?[lane]
    }

    private func remembered(_ number: Int, _ period: RewardPeriod) -> Int64? {
        let index = period.kind == .month ? period.firstMonth - firstMonth : period.year - firstMonth / 12
        guard index >= 0 else { return nil }
        func lookUp(_ amounts: [Remembered]) -> Int64? {
            index < amounts.count && amounts[index].tenant == tenant ? amounts[index].fen : nil
        }
        return period.kind == .month ? lookUp(monthly[number]) : lookUp(yearly[number])
    }

    private func remember(_ number: Int, _ period: RewardPeriod, _ fen: Int64) {
        let index = period.kind == .month ? period.firstMonth - firstMonth : period.year - firstMonth / 12
        guard index >= 0, index < 100_000 else { return }
        // Grown geometrically, in place: a run remembers month after month.
        func store(_ amounts: inout [Remembered]) {
            if amounts.count <= index {
                amounts.append(contentsOf: repeatElement(Remembered(tenant: 0, fen: 0), count: max(index + 1, 2 * amounts.count, 24) - amounts.count))
            }
            amounts[index] = Remembered(tenant: tenant, fen: fen)
        }
        if period.kind == .month { store(&monthly[number]) } else { store(&yearly[number]) }
    }

    // MARK: What formulas ask for

    /// The rule's amount for the period (memoised).
    func amount(of rule: String, in period: RewardPeriod, at: SourcePosition) throws(EvaluationFailure) -> Int64 {
        guard let number = book.number(of: rule) else { return 0 }
        return try amount(number, in: period, at: at)
    }

    private func amount(_ number: Int, in period: RewardPeriod, at: SourcePosition) throws(EvaluationFailure) -> Int64 {
        if let known = remembered(number, period) { return known }
        if let known = keptAmount(number, period) {
            remember(number, period, known)
            return known
        }
        let rule = book.timelines[number][0].rule.id
        guard depth < Self.maximumDepth else {
            throw EvaluationFailure(position: at, message: "\(rule) for \(period) reads more than \(Self.maximumDepth) periods back")
        }
        depth += 1
        defer { depth -= 1 }
        do {
            return try compute(number, in: period, explain: false).fen
        } catch {
            throw EvaluationFailure(position: at, message: "while computing \(rule) for \(period): \(error.message)")
        }
    }

    /// Σ of the rule's amounts for the periods of its kind inside `months` (none before the
    /// tenant's first month in the park).
    func total(of rule: String, months: ClosedRange<Int>, at: SourcePosition) throws(EvaluationFailure) -> Int64 {
        guard let number = book.number(of: rule) else { return 0 }
        return try total(number, months: months, at: at)
    }

    private func total(_ number: Int, months: ClosedRange<Int>, at: SourcePosition) throws(EvaluationFailure) -> Int64 {
        guard firstMonth != Int.max else { return 0 }
        var total: Int64 = 0
        switch book.timelines[number][0].rule.period.runKind {
        case .month:
            let first = max(months.lowerBound, firstMonth)
            guard first <= months.upperBound else { return 0 }
            for month in first...months.upperBound {
                total += try amount(number, in: .month(Month(index: month)), at: at)
            }
        case .year:
            let firstYear = max((months.lowerBound + 11) / 12, firstMonth / 12), lastYear = (months.upperBound + 1) / 12 - 1
            guard firstYear <= lastYear else { return 0 }
            for year in firstYear...lastYear {
                total += try amount(number, in: .year(year), at: at)
            }
        }
        return total
    }

    /// The earliest earlier period (since the tenant's first month) in which `condition` held
    /// with the same policy, or nil when it never did.
    func heldEarlier(_ condition: FormulaCode, like evaluation: Evaluation) throws(EvaluationFailure) -> RewardPeriod? {
        guard let firstMonth = profile.firstMonth else { return nil }
        var period = evaluation.period.previous
        var earlier: [RewardPeriod] = []
        while period.lastMonth >= firstMonth {
            earlier.append(period)
            period = period.previous
        }
        for period in earlier.reversed() {
            let past = Evaluation(
                profile: profile, ledger: self, policy: evaluation.policy, rule: evaluation.rule, period: period, day: period.end, trace: nil)
            if try condition(past).flag { return period }
        }
        return nil
    }

    // MARK: Computing a rule

    /// The amount of rule `number` (see `PolicyBook.ruleIDs`) for the period: eligibility,
    /// formula (day by day for daily rules), caps, then rounding once, with the steps when
    /// `explain`.
    func compute(_ number: Int, in period: RewardPeriod, explain: Bool) throws(PolicyRunError) -> Computed {
        let trace = explain ? Trace() : nil
        computations += 1
        func done(_ fen: Int64, _ policy: Policy?) -> Computed {
            remember(number, period, fen)
            guard let trace else { return Computed(fen: fen, policy: nil, steps: []) }
            return Computed(fen: fen, policy: policy, steps: trace.steps)
        }
        guard var (policy, rule) = book.definition(number, on: period.end) ?? book.lastDefinition(number, during: period) else {
            trace?.record(.result, "in force", "no policy defines \(book.timelines[number][0].rule.id) in \(period)", source: nil)
            return done(0, nil)
        }
        switch rule.period {
        case .onceAtMoveIn:
            guard let moveIn = profile.firstMoveIn, moveIn.year == period.year else {
                if let trace {
                    let year: StepText = profile.firstMoveIn.map { " (\($0.year))" } ?? " (no lease yet)"
                    trace.record(.result, "occasion", "paid once, in the annual run of the first move-in year" + year, source: nil)
                }
                return done(0, policy)
            }
        case .onceAtExit:
            guard let exit = profile.exitDate, period.start <= exit, exit <= period.end else {
                if let trace {
                    let exit: StepText = profile.exitDate.map { " (\($0))" } ?? " (not exited)"
                    trace.record(.result, "occasion", "paid once, in the month the tenant becomes exited" + exit, source: nil)
                }
                return done(0, policy)
            }
            // Becoming exited happens on a day: the policy in force that day decides, as it does
            // for a daily rule (an exit before a policy came into force owes nothing under it).
            guard let atExit = book.definition(number, on: exit) else {
                trace?.record(.result, "in force", "no policy in force on the exit day, \(exit), has \(rule.id)", source: nil)
                return done(0, nil)
            }
            (policy, rule) = atExit
        case .month, .year:
            break
        }
        // One evaluation serves the whole computation; daily spans move its day (and policy).
        let evaluation: Evaluation
        if depth < evaluations.count {
            evaluation = evaluations[depth]
            evaluation.restart(profile: profile, policy: policy, rule: rule, period: period, trace: trace)
        } else {
            evaluation = Evaluation(profile: profile, ledger: self, policy: policy, rule: rule, period: period, day: period.end, trace: trace)
            evaluations.append(evaluation)
        }
        do {
            var raw = rule.perDay ? try dailySum(number, evaluation) : try periodAmount(evaluation, rule)
            guard let amount = raw else { return done(0, policy) }
            evaluation.use(policy, rule)
            evaluation.day = period.end
            trace?.context = nil
            raw = try capped(amount, evaluation, rule, of: policy, number: number)
            let fen = try Self.arithmetic(rule, policy) { () throws(ArithmeticError) in try raw!.fen(rule.rounding) }
            trace?.context = nil
            trace?.record(.result, "amount", "\(Money(fen: fen)) yuan", source: "rounded \(rule.rounding.rawValue) to the fen, once")
            return done(fen, policy)
        } catch let failure {
            throw PolicyRunError("\(policy.fileName):\(failure.position): \(rule.id) for tenant \(profile.id) (\(profile.facts.name)), \(period): \(failure.message)")
        }
    }

    /// A monthly or annual rule: eligible on at least one day, then the formula on the last day.
    private func periodAmount(_ evaluation: Evaluation, _ rule: PolicyRule) throws(EvaluationFailure) -> Exact? {
        let period = evaluation.period, trace = evaluation.trace
        guard let eligibleDay = try firstEligibleDay(rule, evaluation: evaluation, in: period.start...period.end) else {
            trace?.record(.result, "eligible", "no: not eligible on any day of \(period)", source: nil)
            return nil
        }
        trace?.record(.result, "eligible", "yes, on \(eligibleDay)", source: nil)
        evaluation.day = period.end
        let value = try rule.amount.code(evaluation).number
        trace?.record(.result, "formula", "\(Value.number(value), as: .money)", source: "\(rule.id) on \(period.end)")
        return value
    }

    private func firstEligibleDay(_ rule: PolicyRule, evaluation: Evaluation, in days: ClosedRange<CivilDate>) throws(EvaluationFailure) -> CivilDate? {
        let reads = rule.eligible.reads
        // Parameters are read as the policy has them on the day evaluated.
        let parameterDates = reads.contains(.parameters) ? evaluation.policy.parameterDates : []
        if reads.isDisjoint(with: .dayLevel), parameterDates.isEmpty {
            evaluation.day = days.lowerBound
            return try rule.eligible.code(evaluation).flag ? days.lowerBound : nil
        }
        if reads.isSubset(of: .status) {
            // The usual case, without building a list: the first day, then each status change
            // (the history is in order).
            evaluation.day = days.lowerBound
            if try rule.eligible.code(evaluation).flag { return days.lowerBound }
            for change in profile.statusChanges where days.lowerBound < change.on && change.on <= days.upperBound {
                evaluation.day = change.on
                if try rule.eligible.code(evaluation).flag { return change.on }
            }
            return nil
        }
        for day in profile.changeDays(in: days, reads: reads, extra: parameterDates) {
            evaluation.day = day
            if try rule.eligible.code(evaluation).flag { return day }
        }
        return nil
    }

    /// A rule summed day by day: each day with the policy in force that day, evaluated once
    /// per span of days on which nothing it reads changes.
    private func dailySum(_ number: Int, _ evaluation: Evaluation) throws(EvaluationFailure) -> Exact? {
        let period = evaluation.period, trace = evaluation.trace
        let breaks = book.dailyBreaks[number]
        let days = profile.changeDays(in: period.start...period.end, reads: breaks.reads, extra: breaks.days)
        var total = Exact.zero
        var anyEligible = false
        for (index, first) in days.enumerated() {
            let last = index + 1 < days.count ? days[index + 1].adding(days: -1) : period.end
            trace?.context = first == last ? "\(first)" : "\(first)…\(last)"
            guard let (policy, rule) = book.definition(number, on: first) else { continue }
            evaluation.use(policy, rule)
            evaluation.day = first
            guard try rule.eligible.code(evaluation).flag else {
                trace?.record(.result, "eligible", "no", source: "\(policy.id)")
                continue
            }
            anyEligible = true
            let perDay = try rule.amount.code(evaluation).number
            let count = last.dayNumber - first.dayNumber + 1
            let span = try FormulaCompiler.exact(rule.position) { () throws(ArithmeticError) in try perDay * Exact(count) }
            total = try FormulaCompiler.exact(rule.position) { () throws(ArithmeticError) in try total + span }
            trace?.record(.result, "days", "\(count) × \(Value.number(perDay), as: .money) = \(Value.number(span), as: .money)",
                          source: "\(policy.id)")
        }
        trace?.context = nil
        guard anyEligible else {
            trace?.record(.result, "eligible", "no: not eligible on any day of \(period)", source: nil)
            return nil
        }
        trace?.record(.result, "formula", "\(Value.number(total), as: .money)", source: "sum over the days of \(period)")
        return total
    }

    /// Applies the rule's caps, as the policy in force on the period's last day sets them.
    private func capped(_ amount: Exact, _ evaluation: Evaluation, _ rule: PolicyRule, of policy: Policy, number: Int) throws(EvaluationFailure) -> Exact {
        guard amount > .zero else { return amount }
        let period = evaluation.period, trace = evaluation.trace
        var amount = amount
        // Takes the cap's code only: copying a whole formula costs a reference count for each part.
        func limit(_ cap: FormulaCode, _ name: String, earlier: () throws(EvaluationFailure) -> Int64) throws(EvaluationFailure) {
            let ceiling = try cap(evaluation).number
            let already = try earlier()
            let remaining = try FormulaCompiler.exact(rule.position) { () throws(ArithmeticError) in try ceiling - Exact(fen: already) }
            let allowed = max(.zero, remaining)
            if amount > allowed {
                trace?.record(.result, StepText(name), "\(Value.number(ceiling), as: .money) less \(Money(fen: already)) already computed: "
                    + "\(Value.number(amount), as: .money) capped to \(Value.number(allowed), as: .money)", source: "\(policy.id)")
                amount = allowed
            } else {
                trace?.record(.result, StepText(name), "\(Value.number(ceiling), as: .money), \(Money(fen: already)) already computed: not reached", source: "\(policy.id)")
            }
        }
        if let cap = rule.capPerPeriod?.code { try limit(cap, "cap per period") { 0 } }
        if let cap = rule.capPerYear?.code {
            try limit(cap, "cap per year") { () throws(EvaluationFailure) in
                guard rule.period.runKind == .month, period.firstMonth % 12 > 0 else { return 0 }
                return try total(number, months: (period.year * 12)...(period.firstMonth - 1), at: rule.position)
            }
        }
        if let cap = rule.capLifetime?.code {
            try limit(cap, "cap for life") { () throws(EvaluationFailure) in
                try total(number, months: 0...(period.firstMonth - 1), at: rule.position)
            }
        }
        return amount
    }

    private static func arithmetic<T>(_ rule: PolicyRule, _ policy: Policy, _ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
        try FormulaCompiler.exact(rule.position, body)
    }
}
