"""The terms kzlaw's answers use, explained in plain words (`kzlaw explain TERM`).

Our own summaries of the 2014 Criminal Code's definitions, each naming the article it
comes from; not the official text.
"""

from __future__ import annotations

#: term -> (what it means, where the code says it)
TERMS: dict[str, tuple[str, str]] = {
    "mci": (
        "The monthly calculation index (месячный расчётный показатель, МРП): a sum of money set each year by "
        "the budget law, in which the code states fines, correctional labour and the thresholds of "
        "'large' damage. kzlaw converts it to tenge with the value in force on the day the code names "
        "(for fines, the day of the offence).",
        "2014 code Arts. 3, 41; the annual law on the republican budget",
    ),
    "criminal misdemeanour": (
        "A criminal offence (уголовный проступок) of small public danger punished without deprivation of "
        "liberty: by a fine, correctional labour, public works, arrest or expulsion. It is not a crime; "
        "kzlaw marks each part of the 2014 code as 'crime' or 'misdemeanour'.",
        "2014 code Art. 10",
    ),
    "crime": (
        "A criminal offence of considerable public danger, punished with a term of imprisonment among the "
        "alternatives or otherwise as the code sets. Crimes fall into four categories by gravity.",
        "2014 code Arts. 10, 11",
    ),
    "category": (
        "The gravity of a crime, derived from the longest imprisonment its part allows: minor (up to 2 "
        "years, or no imprisonment), medium (up to 5), grave (up to 12), especially grave (more than 12, "
        "or life). Negligent crimes have rules of their own. The category drives limitation, mitigation "
        "and the rules for several offences.",
        "2014 code Art. 11",
    ),
    "restriction of freedom": (
        "A punishment served at liberty under probation supervision: the court imposes duties (not to "
        "change home or work without notice, to stay home at night and the like) and the convicted person "
        "does community work. It is not imprisonment.",
        "2014 code Art. 44",
    ),
    "correctional labour": (
        "A punishment in which part of the convicted person's earnings is paid to the state, stated in "
        "the 2014 code as an amount in MCI.",
        "2014 code Art. 42",
    ),
    "public works": (
        "Unpaid socially useful work in free time, stated in hours.",
        "2014 code Art. 43",
    ),
    "arrest": (
        "Short-term isolation from society, stated in days; a punishment for criminal misdemeanours.",
        "2014 code Art. 45",
    ),
    "imprisonment": (
        "Deprivation of liberty for a term, served in an institution; the code states the term in years "
        "or months (kzlaw counts in months).",
        "2014 code Art. 46",
    ),
    "life imprisonment": (
        "Deprivation of liberty for life, only for especially grave crimes, never for minors, women, or "
        "men aged 63 or more at sentencing.",
        "2014 code Art. 46",
    ),
    "deprivation of a right": (
        "An additional punishment: a ban on holding certain positions or engaging in certain activity "
        "for a term, or for life where the article says so (for example work with minors).",
        "2014 code Art. 50",
    ),
    "confiscation of property": (
        "An additional punishment: the forced and unpaid taking into state ownership of the convicted "
        "person's property, for the crimes whose article provides it.",
        "2014 code Art. 48",
    ),
    "applies": (
        "kzlaw's word for a match whose elements and chosen part are met by the facts given: the article "
        "describes the conduct, on those facts.",
        "kzlaw",
    ),
    "possible": (
        "kzlaw's word for a match that may apply: a fact it depends on was not given. The answer lists "
        "those facts under 'what would change this'.",
        "kzlaw",
    ),
    "liable": (
        "Whether the offender had reached the age of criminal responsibility: 16 in general, 14 for the "
        "crimes Art. 15 lists. Someone not liable is not punished, whatever the article.",
        "2014 code Art. 15",
    ),
    "limitation": (
        "The period after which a person can no longer be prosecuted for an offence: it depends on the "
        "category (for example 5 years for a crime of medium gravity) and runs from the day of the offence. "
        "kzlaw says the day the period ends and whether it has run out on the day it judges.",
        "2014 code Art. 71",
    ),
    "attempt": (
        "Intentional acts directly aimed at committing a crime that were not completed for reasons beyond "
        "the offender's will; the punishment is capped at three quarters of the maximum.",
        "2014 code Arts. 24, 56",
    ),
    "preparation": (
        "Looking for or adapting means, finding accomplices or otherwise creating conditions for a grave "
        "or especially grave crime; punished only for those, capped at half of the maximum.",
        "2014 code Arts. 24, 56",
    ),
    "part": (
        "An article's numbered part (часть). The first part describes the basic offence; later parts add "
        "circumstances (by a group, against a minor, causing death ...) that make it graver.",
        "the structure of the Special Part",
    ),
}

ALIASES = {
    "мрп": "mci",
    "monthly calculation index": "mci",
    "misdemeanour": "criminal misdemeanour",
    "misdemeanor": "criminal misdemeanour",
    "уголовный проступок": "criminal misdemeanour",
    "gravity": "category",
    "correctional labor": "correctional labour",
    "deprivation of right": "deprivation of a right",
    "ban": "deprivation of a right",
    "forfeiture of property": "confiscation of property",
    "confiscation": "confiscation of property",
    "statute of limitations": "limitation",
    "limitation period": "limitation",
    "restriction_of_freedom": "restriction of freedom",
}


def lookup(term: str) -> str | None:
    """The glossary's name for a term (case, underscores and aliases forgiven), or None."""
    key = " ".join(term.lower().replace("_", " ").split())
    key = ALIASES.get(key, key)
    return key if key in TERMS else None
