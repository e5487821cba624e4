"""Group a record's linked amounts and job counts into projects.

A project is the row an observatory of industrial investment keeps: one
investment, extension, creation, takeover, closure, job cut, aid award or
signing, with whose it is, where, how much and how many jobs. It is derived
from the linked facts alone (a pure function of the record), so the store, the
export and the briefings all see the same grouping.

Rules, in order:

1. an amount that is an investment or an aid, or any amount or job count whose
   sentence names a project (``event``), opens or joins a project; turnovers and
   "other" amounts never do, and a budget only within a signing; a job count with no
   organization (a territory's or a sector's) joins no project unless its sentence names one;
2. figures join the project of the same kind, organization and territory; a document signs
   one contract, so all its signing figures make one row;
3. a job count with no project of its own joins the project of its organization
   and place (new jobs to a growth project, lost jobs to a closure or cut), else
   opens a creation or a job cut; an aid joins its beneficiary's project; a job count
   with no project of its own joins the project a figure of its own sentence belongs to;
4. totals add only figures that are no part of another one, each value once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .models import Amount, Job, Linked, Project, ProjectKind, Record

GROWTH: frozenset[str] = frozenset({"investment", "extension", "creation", "takeover"})
SHRINK: frozenset[str] = frozenset({"closure", "job_cut", "takeover"})
PURPOSE_KIND: dict[str, ProjectKind] = {"investment": "investment", "aid": "aid"}


def _key(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


def _same_owner(project: Project, fact: Linked) -> bool:
    """Same organization and place; a side left unsaid on one of them does not separate them."""
    org_p, org_f = _key(project.organization), _key(fact.organization)
    ter_p, ter_f = _key(project.territory), _key(fact.territory)
    if org_p and org_f and org_p != org_f:
        return False
    if ter_p and ter_f and ter_p != ter_f:
        return False
    return bool((org_p and org_p == org_f) or (ter_p and ter_p == ter_f))


def _sums_of_owners(facts: Sequence[Linked]) -> set[int]:
    """Figures whose parts belong to two owners or more: the total of a list of other
    projects ("Au total, ces trois aides représentent 2,6 M€"), no project of its own."""
    owners: dict[int, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.part_of is not None and fact.organization:
            owners[fact.part_of].add(_key(fact.organization))
    return {k for k, names in owners.items() if len(names) >= 2}


def _part_of_project(project: Project, part: Linked) -> bool:
    """Does a part go into its whole's project? A "dont" part shares its whole's owner;
    a part of a stated total that names another firm ("Au total, ces aides représentent
    2,6 M€" after one aid per firm) is that firm's own project."""
    return part.organization is None or _same_owner(project, part)


def _amount_kind(amount: Amount) -> ProjectKind | None:
    if amount.event and amount.purpose not in ("turnover", "other"):
        if amount.purpose == "budget" and amount.event != "signing":
            return None
        return amount.event
    return PURPOSE_KIND.get(amount.purpose or "")


def _job_kind(job: Job) -> ProjectKind | None:
    if job.event:
        return job.event
    if job.organization is None:
        return None  # a territory's or a sector's jobs ("1 500 recrutements d'ici cinq ans")
    if job.kind == "lost":
        return "job_cut"
    if job.kind in ("created", "planned"):
        return "creation"
    return None


def _open(kind: ProjectKind, fact: Linked, record: Record) -> Project:
    return Project(
        kind=kind,
        # a contract is signed by several parties: the carrier of its first line is not its owner
        organization=None if kind == "signing" else fact.organization,
        territory=fact.territory,
        territory_canonical_name=fact.territory_canonical_name,
        territory_code=fact.territory_code,
        territory_kind=fact.territory_kind,
        date=record.published,
        text=fact.text,
        start=fact.start,
        end=fact.end,
        sentence=fact.sentence,
        page=fact.page,
        cue=fact.cues.event,
    )


def _adopt(project: Project, fact: Linked) -> None:
    """Fill the sides of a project that only a later figure names."""
    if project.organization is None and fact.organization:
        project.organization = fact.organization
    if project.territory is None and fact.territory:
        project.territory = fact.territory
        project.territory_canonical_name = fact.territory_canonical_name
        project.territory_code = fact.territory_code
        project.territory_kind = fact.territory_kind
    if project.cue is None and fact.cues.event:
        project.cue = fact.cues.event


def _total(values: Iterable[float]) -> float | None:
    distinct = list(dict.fromkeys(values))
    return sum(distinct) if distinct else None


def _totals(project: Project, record: Record) -> None:
    """The project's money per purpose and its new and lost jobs; a part is not added
    beside its own whole when both are in the project (it is already in the whole)."""
    whole_amounts = [
        record.amounts[i]
        for i in project.amounts
        if record.amounts[i].part_of not in project.amounts
    ]
    for purpose, field in (
        ("investment", "investment_eur"),
        ("aid", "aid_eur"),
        ("budget", "budget_eur"),
    ):
        setattr(project, field, _total(a.value_eur for a in whole_amounts if a.purpose == purpose))
    whole_jobs = [
        record.jobs[i] for i in project.jobs if record.jobs[i].part_of not in project.jobs
    ]
    new = _total(j.count for j in whole_jobs if j.kind in ("created", "planned"))
    lost = _total(j.count for j in whole_jobs if j.kind == "lost")
    project.jobs_new = int(new) if new is not None else None
    project.jobs_lost = int(lost) if lost is not None else None


def build_projects(record: Record) -> list[Project]:
    """The record's projects, in the order the text first names them."""
    projects: list[Project] = []

    def find(kinds: Iterable[str], fact: Linked) -> Project | None:
        wanted = set(kinds)
        if wanted == {"signing"}:
            # a document signs one contract: its action lines all belong to it
            return next((p for p in projects if p.kind == "signing"), None)
        return next((p for p in projects if p.kind in wanted and _same_owner(p, fact)), None)

    amount_sums, job_sums = _sums_of_owners(record.amounts), _sums_of_owners(record.jobs)
    for i, amount in enumerate(record.amounts):
        kind = _amount_kind(amount)
        if kind is None or i in amount_sums:
            continue
        if amount.part_of is not None:
            whole = next((p for p in projects if amount.part_of in p.amounts), None)
            if whole is not None and _part_of_project(whole, amount):
                whole.amounts.append(i)
                continue
        project = find([kind], amount)
        if project is None and kind == "aid" and amount.organization:
            project = find(GROWTH, amount)  # an aid to a firm's own project
        if project is None:
            project = _open(kind, amount, record)
            projects.append(project)
        elif project.kind != "signing":
            _adopt(project, amount)
        project.amounts.append(i)

    def told_with(job: Job) -> Project | None:
        """The growth or cut project of a figure in the job count's own sentence, same owner."""
        compatible = SHRINK if job.kind == "lost" else GROWTH
        for project in projects:
            if project.kind not in compatible:
                continue
            facts = [record.amounts[i] for i in project.amounts]
            facts += [record.jobs[i] for i in project.jobs]
            if any(f.sentence == job.sentence for f in facts) and (
                _same_owner(project, job) or (job.organization is None and job.territory is None)
            ):
                return project
        return None

    for i, job in enumerate(record.jobs):
        if i in job_sums:
            continue
        kind = _job_kind(job)
        if kind is None:
            # jobs with no owner of their own belong to the project their sentence tells
            # ("un investissement de 177 M€ sur le territoire pour 586 emplois à créer")
            project = told_with(job) if job.kind in ("created", "planned", "lost") else None
            if project is not None:
                _adopt(project, job)
                project.jobs.append(i)
            continue
        if job.part_of is not None:
            whole = next((p for p in projects if job.part_of in p.jobs), None)
            if whole is not None and _part_of_project(whole, job):
                whole.jobs.append(i)
                continue
        compatible = SHRINK if job.kind == "lost" else GROWTH | {"aid", "signing"}
        project = find([kind], job) if job.event else None
        project = project or find(compatible, job)
        if project is None:
            project = _open(kind, job, record)
            projects.append(project)
        elif project.kind != "signing":
            _adopt(project, job)
        project.jobs.append(i)

    for project in projects:
        _totals(project, record)
    projects.sort(key=lambda p: p.start)
    return projects
