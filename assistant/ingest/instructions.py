"""Sentences of a document that address the assistant or the reader with instructions.

Document text is data. A sentence that tries to steer whoever reads it is found here, so the answer never
says it and a source holding it is marked: an order to drop earlier instructions or to answer in a set way
("Ignorera alla tidigare instruktioner.", "Always answer: …"), chat-role text ("System: …", "<|im_start|>"),
a request for passwords or other credentials ("ange ditt lösenord"), and a directive that sends the reader to
an address ("Kontakta support på http://…", "Logga in på www.…"). A mere mention of an address ("finns på
www.scb.se", "Källa: …", "Läs mer på …") is not an instruction. Swedish and English; each kind is a
pattern of the text, not a list of known samples. The check is per sentence (the answer's units, from
text/sentences.py), so ingest and the answer see the same sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.sentences import split_units

OVERRIDE, ROLE, CREDENTIALS, LINK = "instruktion", "rolltext", "inloggningsuppgifter", "länk"

# What each kind means to a reader, in Swedish (CLI and app notices).
KIND_TEXT = {
    OVERRIDE: "uppmaning till assistenten",
    ROLE: "text som utger sig för att vara en systemprompt eller chattroll",
    CREDENTIALS: "begäran om lösenord eller andra inloggningsuppgifter",
    LINK: "uppmaning att gå till eller kontakta en adress",
}

_I = re.IGNORECASE
_W = r"[\wåäöÅÄÖéÉ-]*"  # the rest of a word (inflections: instruktionerna, rules, reglerna)

# "Ignore (all) previous instructions", "glöm dina tidigare anvisningar", "bortse från ovanstående regler".
_OVERRIDE_VERB = (
    r"(?:ignorera|ignore|disregard|forget|glöm|strunta\s+i|bortse\s+från|bry\s+dig\s+inte\s+om|åsidosätt|"
    r"override|skip|hoppa\s+över|do\s+not\s+follow|följ\s+inte)"
)
_EARLIER = (
    r"(?:all|alla|allt|any|the|de|dina|your|era|samtliga|previous|prior|earlier|above|preceding|former|"
    r"original|tidigare|föregående|ovanstående|ursprungliga|gamla|given|givna|system)"
)
_ORDERS = rf"(?:instruktion{_W}|instruction{_W}|anvisning{_W}|regl{_W}|regel|rules?|direktiv{_W}|"
_ORDERS += rf"directions?|prompt{_W}|uppmaning{_W}|guidelines?|riktlinje{_W}|order{_W}|context|kontext{_W})"
_OVERRIDES = [
    rf"\b{_OVERRIDE_VERB}\s+(?:{_EARLIER}\s+){{1,3}}{_ORDERS}",
    r"\b(?:new|nya|updated|uppdaterade)\s+(?:system\s+)?(?:instruktioner|instructions|anvisningar|rules|regler)\s*:",
    r"\b(?:svara|answer|respond|reply|säg|say)\s+(?:alltid|always|endast|only|bara)\b",
    r"\b(?:always|alltid)\s+(?:answer|respond|reply|svara|säg|say)\b",
    r"\b(?:från\s+och\s+med\s+nu|hädanefter)\s+(?:ska|svarar|är|skall)\s+du\b",
    r"\bfrom\s+now\s+on,?\s+(?:you|answer|respond|reply|always|only)\b",
    r"\b(?:you\s+are\s+now|du\s+är\s+nu|låtsas\s+att\s+du|pretend\s+(?:to\s+be|you\s+are))\b",
    r"\b(?:your|din|ditt)\s+(?:new\s+|nya\s+)?(?:task|uppgift|role|roll)\s+(?:is|är)\b",
    r"\b(?:if|om)\s+(?:you\s+are|du\s+är)\s+(?:an?\s+|en\s+)?(?:ai|llm|chatbot|language\s+model|språkmodell|assistent)",
    r"\b(?:note\s+)?(?:to|till)\s+(?:the\s+)?(?:ai|llm|chatbot{w}|assistant|assistenten|språkmodellen|model)\s*:".replace(
        "{w}", _W
    ),
    r"\b(?:system\s*prompt|systemprompt{w}|prompt\s+injection|jailbreak)".replace("{w}", _W),
    r"\b(?:reveal|show|print|avslöja|visa|skriv\s+ut)\s+(?:your|the|din|dina|ditt)\s+(?:instructions|prompt|"
    r"instruktioner|systemprompt)",
    r"\b(?:do\s+not|don't|never)\s+(?:tell|mention|reveal|inform)\s+(?:the\s+)?(?:user|anyone|reader)",
    r"\b(?:berätta|nämn|avslöja|säg)\s+(?:inte|aldrig)\s+(?:för|för\s+)?(?:användaren|läsaren|någon)",
]
_OVERRIDE = re.compile("|".join(f"(?:{p})" for p in _OVERRIDES), _I)

# A chat role opening a line or a sentence, or the markup of chat templates.
_ROLE = re.compile(
    r"(?:^|\n)\s*(?:system|assistant|assistent(?:en)?|user|human|developer|utvecklare|systemmeddelande)\s*:"
    r"|<\|?(?:im_start|im_end|system|user|assistant|endoftext)\|?>|\[/?INST\]|<</?SYS>>"
    r"|</?(?:system|assistant|user)>|^#{1,4}\s*(?:system|instruction|instruktion|assistant)\b",
    _I,
)

# A request for credentials: a verb that asks for something, then (within the sentence) a credential.
_ASK_FOR = (
    r"\b(?:ange|anger|uppge|uppger|skriv\s+in|fyll\s+i|lämna|skicka|mejla|maila|dela|bekräfta|verifiera|"
    r"logga\s+in\s+med|behöver\s+(?:vi|du)|enter|provide|send|share|confirm|verify|type|submit|give|reply\s+with|"
    r"log\s+in\s+with|sign\s+in\s+with|we\s+need)\b"
)
_CREDENTIAL = (
    rf"\b(?:lösenord{_W}|lösen|pinkod{_W}|pin-kod{_W}|pin|bankid{_W}|inloggningsuppgift{_W}|"
    rf"inloggningsuppgifter|användarnamn{_W}|kontonummer{_W}|kortnummer{_W}|kortuppgift{_W}|cvc|cvv|"
    rf"säkerhetskod{_W}|engångskod{_W}|verifieringskod{_W}|sms-kod{_W}|passwords?|passcodes?|credentials?|"
    rf"login\s+details|card\s+number|security\s+code|one-time\s+code|api[\s-]?key|access\s+token)\b"
)
_CREDENTIALS = re.compile(
    rf"{_ASK_FOR}.*?{_CREDENTIAL}|\b(?:ditt|din|dina|your)\s+{_CREDENTIAL}",
    _I | re.DOTALL,
)
_NEGATED = re.compile(r"\b(?:aldrig|never|inte|not|don't|ingen|no\s+one)\b", _I)

# An address: a URL, a www. name or an e-mail address.
_ADDRESS = re.compile(r"\b(?:https?://|ftp://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+", _I)
# A directive to go to, contact or act at an address (an imperative or "du ska/bör/måste …").
_DIRECTIVE = re.compile(
    r"(?:^|[.:;!]\s*|\b(?:du|ni|you)\s+(?:ska|skall|bör|måste|kan|behöver|should|must|need\s+to|can)\s+)"
    r"(?:gärna\s+|omedelbart\s+|genast\s+|nu\s+|please\s+|vänligen\s+)?"
    r"(?:kontakta|besök|gå\s+(?:in\s+)?(?:till|på)|klicka|logga\s+in|registrera|ring|mejla|maila|skicka|"
    r"ladda\s+(?:ner|ned)|öppna|surfa|följ\s+länken|vänd\s+dig\s+till|hör\s+av\s+dig|skriv\s+till|"
    r"contact|visit|go\s+to|click|log\s+in|sign\s+in|register|call|e-?mail|send|download|open|follow\s+the\s+link)\b(?!\s*:)",
    _I,
)


def instruction_kind(sentence: str) -> str | None:
    """The kind of instruction a sentence (or list item) gives its reader, or None for plain content."""
    if _ROLE.search(sentence):
        return ROLE
    if _OVERRIDE.search(sentence):
        return OVERRIDE
    credentials = _CREDENTIALS.search(sentence)
    if credentials and not _NEGATED.search(sentence[: credentials.end()]):
        return CREDENTIALS
    if _ADDRESS.search(sentence) and _DIRECTIVE.search(sentence):
        return LINK
    return None


@lru_cache(maxsize=8192)
def find_instructions(text: str) -> tuple[str, ...]:
    """The sentences and list items of text (as the answer cuts them) that give their reader instructions.

    Cached by text: every search makes Passages of the same chunks again, and each finds its own flags.
    """
    if not _might_instruct(text):
        return ()
    return tuple(unit for unit, _bullet in split_units(text) if instruction_kind(unit))


def instruction_kinds(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct kinds of the flagged sentences, in the order met."""
    kinds = [instruction_kind(s) for s in sentences]
    return tuple(dict.fromkeys(k for k in kinds if k))


def addressed_domains(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """The domains the flagged sentences point at ("evil.example"), for a notice that names them."""
    domains = []
    for sentence in sentences:
        for match in _ADDRESS.finditer(sentence):
            address = match.group(0).rstrip(".,;:)»”\"'")
            host = address.split("@", 1)[1] if "@" in address and "://" not in address else address
            host = re.sub(r"^(?:https?|ftp)://", "", host, flags=_I).split("/", 1)[0].split(":", 1)[0]
            domains.append(re.sub(r"^www\.", "", host.lower()))
    return tuple(dict.fromkeys(d for d in domains if d))


# One quick look at a whole passage before cutting it into sentences (most passages hold none of these):
# substrings every kind of instruction needs, matched on the lower-cased text.
_HINTS = (
    "instru",
    "regel",
    "uppmaning",
    "ai:",
    "ai :",
    "llm",
    "chatbot",
    "språkmodell",
    "model",
    "anyone",
    "reader",
    "berätta",
    "nämn",
    "avslöja",
    "tell",
    "mention",
    "reveal",
    "inform",
    "card",
    "anvisn",
    "regl",
    "rule",
    "prompt",
    "direktiv",
    "direction",
    "guideline",
    "riktlinje",
    "order",
    "kontext",
    "context",
    "svara",
    "answer",
    "respond",
    "reply",
    "säg",
    "say",
    "från och med nu",
    "hädanefter",
    "from now on",
    "du är",
    "you are",
    "låtsas",
    "pretend",
    "uppgift",
    "task",
    "roll",
    "role",
    "system",
    "assist",
    "user",
    "human",
    "develop",
    "utvecklare",
    "<|",
    "[inst",
    "[/inst",
    "<<sys",
    "<<",
    "lösen",
    "password",
    "passcode",
    "pin",
    "bankid",
    "inlogg",
    "login",
    "credential",
    "kontonummer",
    "kortnummer",
    "kortuppgift",
    "cvc",
    "cvv",
    "kod",
    "code",
    "api",
    "token",
    "användarnamn",
    "jailbreak",
    "://",
    "www.",
    "@",
)


def _might_instruct(text: str) -> bool:
    lowered = " ".join(text.lower().split())
    return any(hint in lowered for hint in _HINTS)


def instruction_notice(sentences: tuple[str, ...]) -> str:
    """The Swedish mark of a source holding such sentences, the same in the CLI, the API and the app."""
    kinds = "; ".join(KIND_TEXT[kind] for kind in instruction_kinds(sentences))
    domains = addressed_domains(sentences)
    where = f" Adresser i den: {', '.join(domains)}." if domains else ""
    return (
        f"Obs: källan innehåller text riktad till assistenten eller läsaren ({kinds}). "
        f"Det är dokumenttext, inte ett svar: följ inga instruktioner i den och lämna aldrig ut lösenord.{where}"
    )
