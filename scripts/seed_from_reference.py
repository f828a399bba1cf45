"""Seed data/raw/ from the team's gathered public record (../shared/reference/).

Run once to create the curated raw tables; since then data/raw/*.csv is the master copy,
edited by hand and checked by `python -m fitjp.record build`. Kept for provenance: it shows how
every reference row was normalised (names of funds, countries, statuses) and which known
corrections were applied. Rerunning it overwrites hand edits in data/raw/.

    python scripts/seed_from_reference.py ../shared/reference
    python scripts/seed_from_reference.py country-names   # only countries.csv name_en, aliases

`country-names` rewrites the two name columns of data/raw/countries.csv from pycountry (ISO
3166 short names) and the UN-terminology overrides in fitjp/countries.py, and keeps every
other column (regions, M49 codes, sources) as curated. Run it after updating pycountry or
the overrides, then `python -m fitjp.record build`.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
from fitjp.countries import aliases, display_name, resolve_country_name

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"

CONTRIBUTION_FUNDS = {
    "FIT/Japan IP (Asia-Pacific)": "asia_pacific",
    "FIT/Japan Africa": "africa_ldcs",
    "FIT Japan IP Global": "global",
    "FIT/Japan IP combined (Asia-Pacific + Africa)": "combined",
}
ACTIVITY_FUNDS = {
    "FIT/Japan IP": "asia_pacific",
    "FIT/Japan Africa": "africa_ldcs",
    "FIT Japan IP Global": "global",
    "unclear": "unclear",
}
REGIONS = {
    "Africa": "africa",
    "Arab region": "arab",
    "Asia and the Pacific": "asia_pacific",
    "Latin America and the Caribbean": "latin_america_caribbean",
    "Global": "global",
}
# Host countries where a course for others is held, not a country the activity reached.
VENUE_ONLY_HOSTS = {"JPN", "CHE"}

PUBLISHERS = [  # (host suffix, publisher, kind); first match wins
    ("etisc.wipo.int", "WIPO (eTISC)", "official_wipo"),
    ("wipo.int", "WIPO", "official_wipo"),
    ("wipo.vn", "WIPO", "official_wipo"),
    ("training-jpo.go.jp", "Japan Patent Office (training)", "official_japan"),
    ("jpo.go.jp", "Japan Patent Office", "official_japan"),
    ("meti.go.jp", "Ministry of Economy, Trade and Industry (Japan)", "official_japan"),
    ("emb-japan.go.jp", "Embassy of Japan", "official_japan"),
    ("jbaudit.go.jp", "Board of Audit of Japan", "official_japan"),
    ("judgit.net", "JUDGIT! (Japan's administrative review sheets)", "official_japan"),
    ("github.com", "Japan's administrative review sheets (open-data mirror)", "official_japan"),
    ("e-trips.wto.org", "WTO TRIPS Council (e-TRIPS)", "wto_record"),
    ("wtocenter.org.tw", "WTO document (mirror)", "wto_record"),
    ("docsbay.net", "WTO document (mirror)", "wto_record"),
    ("aripo.org", "ARIPO", "official_other"),
    ("oapi.int", "OAPI", "official_other"),
    (".gov.", "National government", "official_other"),
    ("gov.bt", "Royal Government of Bhutan", "official_other"),
    ("jipa.or.jp", "Japan Intellectual Property Association", "secondary"),
    ("africau.edu", "Africa University", "secondary"),
    ("jkuat.ac.ke", "JKUAT", "secondary"),
]
NEWS_HOSTS = ("japantimes", "ip-watch", "allafrica", "cameroon-tribune", "universityworldnews",
              "midi-madagasikara", "kuna.net", "mb.com.ph", "thebusinessconnect", "zanzinews",
              "ecomatin", "nahr-alamal", "ag-ip-news", "blogspot")


def source_id(url: str) -> str:
    host = urlparse(url).netloc.removeprefix("www.").split(":")[0]
    stem = re.sub(r"[^a-z0-9]+", "_", host.split(".")[0].lower()) or "src"
    return f"{stem}_{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def source_row(url: str) -> dict:
    parsed = urlparse(url)
    host = parsed.netloc.lower()
    publisher, kind = host.removeprefix("www."), "secondary"
    for suffix, name, k in PUBLISHERS:
        if suffix in host:
            publisher, kind = name, k
            break
    else:
        if any(n in host for n in NEWS_HOSTS):
            kind = "news"
    language = ""
    if m := re.search(r"/(en|ja|fr|es|ar|ru|zh)(/|_)", parsed.path):
        language = m.group(1)
    elif "jpo.go.jp" in host:
        language = "en" if parsed.path.startswith("/e/") else "ja"
    elif "emb-japan.go.jp" in host:
        language = "ja"
    path = parsed.path.strip("/") or host
    title = f"{publisher}: {path}" + (f"?{parsed.query}" if parsed.query else "")
    published = m.group(1) if (m := re.search(r"/news/(\d{4})/", parsed.path)) else ""
    return {"source_id": source_id(url), "title": title, "publisher": publisher, "url": url,
            "published": published, "language": language, "kind": kind}


def seed_contributions(ref: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "contribution_id": [f"c{i + 1:03d}" for i in range(len(ref))],
        "fiscal_year": ref.fiscal_year.fillna("").str.replace(".0", "", regex=False),
        "year_basis": ref.basis,
        "fund": ref.fund.map(CONTRIBUTION_FUNDS),
        "amount": ref.amount,
        "currency": ref.currency,
        "status": ref.status,
        "source_id": ref.source_url.map(source_id),
        "quote": ref.source_quote,
        "note": ref.note.fillna(""),
    })
    # FY2023 "5.13": the copy read ends after the number; the 2022 edition of the same
    # report writes "CHF 4.66 million", so the unit is taken as millions (see note).
    odd = (out.fiscal_year == "2023") & (out.currency == "CHF") & (out.amount == "5.13")
    out.loc[odd, "amount"] = "5130000"
    out.loc[odd, "note"] = ("Unit inferred: the copy read ends right after '5.13'; the 2022 edition of "
                            "the same report writes 'CHF 4.66 million', so millions is taken. "
                            + out.loc[odd, "note"])
    return out


def as_of(statement: str) -> tuple[str, str]:
    """The year a dated statement speaks for, and whether the source states it or we count it."""
    if m := re.match(r"(\d{4}-\d{2}-\d{2})", statement):
        return m.group(1), "stated"
    if m := re.match(r"(\d{4}-\d{2})", statement):
        return m.group(1), "stated"
    if m := re.search(r"(\d+) ?(years|年間)", statement):
        return str(1987 + int(m.group(1))), "years_since_1987"
    if m := re.match(r"(?:JFY)?(\d{4})\b", statement):
        return m.group(1), "stated"
    return "", ""


def money(value: str, unit: str) -> tuple[str, str]:
    """A monetary statement as a plain amount and currency: '8.5' 'billion JPY' -> 8500000000 JPY.
    Only a change of unit; the approximation the source states stays in `unit`."""
    scales = [("billion JPY", 10**9, "JPY"), ("億円", 10**8, "JPY"), ("CHF", 1, "CHF")]
    for prefix, scale, currency in scales:
        if unit.startswith(prefix):
            return f"{float(value) * scale:.0f}", currency
    return "", ""


def seed_facts(ref: pd.DataFrame) -> pd.DataFrame:
    dates = ref.statement_date.map(as_of)
    amounts = [money(v, u) if m.startswith(("cumulative_contribution", "annual_")) else ("", "")
               for v, u, m in zip(ref.value, ref.unit, ref.metric)]
    return pd.DataFrame({
        "fact_id": [f"f{i + 1:03d}" for i in range(len(ref))],
        "statement_date": ref.statement_date,
        "as_of": [d for d, _ in dates],
        "as_of_basis": [b for _, b in dates],
        "metric": ref.metric,
        "value": ref.value,
        "unit": ref.unit,
        "amount": [a for a, _ in amounts],
        "currency": [c for _, c in amounts],
        "source_id": ref.source_url.map(source_id),
        "quote": ref.source_quote,
        "note": ref.note.fillna(""),
    })


def split_names(text: str) -> list[str]:
    return [t.strip() for t in str(text).split(";") if t.strip()] if isinstance(text, str) else []


def seed_activities(ref: pd.DataFrame, wipo_region: dict[str, str]):
    activities, links = [], []
    for i, row in ref.iterrows():
        activity_id = f"a{i + 1:03d}"
        hosts = [c for n in split_names(row.host_country) if (c := resolve_country_name(n))]
        named = split_names(row.beneficiary_countries)
        beneficiaries = [c for n in named if (c := resolve_country_name(n))]
        unresolved = [n for n in named if not resolve_country_name(n)]
        region = REGIONS[row.region]
        if not named and len(hosts) == 1 and hosts[0] not in VENUE_ONLY_HOSTS and region != "global":
            beneficiaries = hosts  # a national event: the host is the country it served
        scope = derive_scope(region, beneficiaries, unresolved, wipo_region)
        participants = str(row.participants) if isinstance(row.participants, str) else ""
        activities.append({
            "activity_id": activity_id,
            "title": row.title,
            "start_date": row.start_date if isinstance(row.start_date, str) else "",
            "end_date": row.end_date if isinstance(row.end_date, str) else "",
            "year": row.year.removesuffix(".0") if isinstance(row.year, str) else "",
            "activity_type": row.activity_type,
            "programme_area": row.programme_area,
            "fund": ACTIVITY_FUNDS[row.fund],
            "mode": row["mode"],
            "participants": participants if participants.isdigit() else "",
            "participants_as_stated": "" if participants.isdigit() else participants,
            "scope": scope,
            "region": region,
            "beneficiaries_as_stated": row.beneficiary_countries if named else "",
            "source_id": source_id(row.source_url),
            "quote": row.source_quote,
            "note": "",
        })
        links += [{"activity_id": activity_id, "iso3": c, "role": "host"} for c in dict.fromkeys(hosts)]
        links += [{"activity_id": activity_id, "iso3": c, "role": "beneficiary"}
                  for c in dict.fromkeys(beneficiaries)]
    return pd.DataFrame(activities), pd.DataFrame(links).drop_duplicates()


def derive_scope(region, beneficiaries, unresolved, wipo_region) -> str:
    if region == "global":
        return "global"
    if len(set(beneficiaries)) == 1 and not unresolved:
        return "national"
    regions = {wipo_region.get(c, "") for c in beneficiaries} - {""}
    return "interregional" if len(regions) > 1 else "regional"


# Known corrections from the reference README: (title starts with, fields to set, why).
CORRECTIONS = [
    ("WIPO IP Week event in Uganda", {"start_date": "2023-02-21", "end_date": "2023-02-24",
     "fund": "global", "participants": "", "participants_as_stated": "95 and 116"},
     "Kampala, 21-24 February 2023, with the Uganda Registration Services Bureau, funded by FIT Japan "
     "IP Global; 95 and 116 participants (WIPO FIT news, ja, 2023/news_0014)."),
    ("5th WIPO-ARIPO TISC Regional Meeting", {"fund": "global", "participants": "23"},
     "FIT Japan IP Global; 23 representatives from 20 of the 22 ARIPO member states, observers "
     "Ethiopia, Mauritius, Nigeria (WIPO FIT news, ja, 2024/news_0033)."),
    ("Regional Meeting on Strengthening the ASEAN Regional TISC Network", {"participants": "16"},
     "16 representatives from eight ASEAN countries (WIPO FIT news, 2023/news_0024)."),
    ("Forum for participants of the 'IP Women in STEM'", {"participants": "25"},
     "25 mentees (21 on site): Argentina 3, Brazil 2, Chile 3, Colombia 1, Mexico 1, Panama 1, Paraguay 3, "
     "Peru 3, Dominican Republic 1, El Salvador 3 (WIPO FIT news, ja, 2024/news_0009)."),
    ("Interregional virtual event to promote IP and innovation for SMEs",
     {"participants": "", "participants_as_stated": "about 120 registered"},
     "About 120 registered participants from across Africa (WIPO FIT news, ja and fr, 2023/news_0004)."),
    ("Africa Regional Workshop on the Use of Utility Models", {"start_date": "2015-06-24",
     "end_date": "2015-06-26", "year": "2015"}, "Harare, 24-26 June 2015 (JIPA page)."),
]


def apply_corrections(activities: pd.DataFrame) -> None:
    for prefix, fields, why in CORRECTIONS:
        hit = activities.title.str.startswith(prefix)
        assert hit.sum() == 1, f"correction '{prefix}' matches {hit.sum()} rows"
        for field, value in fields.items():
            activities.loc[hit, field] = value
        activities.loc[hit, "note"] = "Corrected: " + why


def name_countries(countries: pd.DataFrame) -> pd.DataFrame:
    """The countries with English names as the fund's documents write them and, beside each,
    the other names a reader may search for ("; "-separated)."""
    named = countries.assign(name_en=countries.iso3.map(display_name),
                             aliases=countries.iso3.map(lambda code: "; ".join(aliases(code))))
    columns = [c for c in countries.columns if c not in ("name_en", "aliases")]
    at = columns.index("m49_code") + 1
    return named[columns[:at] + ["name_en", "aliases"] + columns[at:]]


def write(frame: pd.DataFrame, name: str) -> None:
    frame.to_csv(RAW / f"{name}.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def main(reference: Path) -> None:
    read = lambda name: pd.read_csv(reference / f"{name}.csv", dtype=str, keep_default_na=False,
                                    na_values=[""])
    contributions, facts, activities = read("contributions"), read("facts"), read("activities")
    countries = pd.read_csv(RAW / "countries.csv", dtype=str, keep_default_na=False)
    urls = pd.concat([contributions.source_url, facts.source_url, activities.source_url]).drop_duplicates()
    write(pd.DataFrame([source_row(u) for u in urls]).drop_duplicates("source_id"), "sources")
    write(seed_contributions(contributions), "contributions")
    write(seed_facts(facts), "facts")
    seeded, links = seed_activities(activities, dict(zip(countries.iso3, countries.wipo_region)))
    apply_corrections(seeded)
    write(seeded, "activities")
    write(links, "activity_countries")


if __name__ == "__main__":
    if sys.argv[1] == "country-names":
        write(name_countries(pd.read_csv(RAW / "countries.csv", dtype=str, keep_default_na=False)), "countries")
    else:
        main(Path(sys.argv[1]))
