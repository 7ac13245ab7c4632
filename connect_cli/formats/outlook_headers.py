"""Outlook's CSV export speaks the language of the Outlook that wrote it: `Vorname;Nachname` in
German, `Prénom,Nom` in French. These are the column names of its common languages, mapped to
the English ones the Outlook reader knows (csv_dialects.outlook).

A header is recognised in a language when the given and family name columns and at least two
more of that language's columns are there; names are compared folded (case, accents, spaces and
punctuation do not matter), since versions of Outlook differ in such details. Dates in these
exports are written day first (`14.3.1972`, `14/03/1972`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from connect_cli.domain.matching import fold

# English column -> the same column in each language ("|" between spellings of versions).
_COLUMNS: dict[str, dict[str, str]] = {
    "German": {
        "Title": "Anrede", "First Name": "Vorname", "Middle Name": "Weitere Vornamen",
        "Last Name": "Nachname", "Suffix": "Suffix", "Company": "Firma",
        "Department": "Abteilung", "Job Title": "Position",
        "Business City": "Ort geschäftlich", "Business State": "Region geschäftlich",
        "Business Country/Region": "Land/Region geschäftlich", "Home City": "Ort privat",
        "Home State": "Bundesland/Kanton privat", "Home Country/Region": "Land/Region privat",
        "Business Phone": "Telefon geschäftlich", "Business Phone 2": "Telefon geschäftlich 2",
        "Mobile Phone": "Mobiltelefon", "Home Phone": "Telefon privat",
        "Home Phone 2": "Telefon privat 2", "Other Phone": "Weiteres Telefon",
        "Primary Phone": "Haupttelefon", "Company Main Phone": "Telefon Firma",
        "Business Fax": "Fax geschäftlich", "Home Fax": "Fax privat",
        "Other Fax": "Weiteres Fax", "Car Phone": "Autotelefon", "Pager": "Pager",
        "Birthday": "Geburtstag", "Anniversary": "Jahrestag",
        "E-mail Address": "E-Mail-Adresse", "E-mail 2 Address": "E-Mail 2: Adresse",
        "E-mail 3 Address": "E-Mail 3: Adresse", "Categories": "Kategorien",
        "Notes": "Notizen", "Web Page": "Webseite", "Nickname": "Spitzname",
        "Spouse": "Partner", "Children": "Kinder", "Hobby": "Hobby",
    },
    "French": {
        "Title": "Titre", "First Name": "Prénom", "Middle Name": "Deuxième prénom",
        "Last Name": "Nom", "Suffix": "Suffixe", "Company": "Société",
        "Department": "Service", "Job Title": "Poste|Fonction",
        "Business City": "Ville (bureau)", "Business State": "Dép/Région (bureau)",
        "Business Country/Region": "Pays/Région (bureau)", "Home City": "Ville (domicile)",
        "Home State": "Dép/Région (domicile)", "Home Country/Region": "Pays/Région (domicile)",
        "Business Phone": "Téléphone (bureau)", "Business Phone 2": "Téléphone 2 (bureau)",
        "Mobile Phone": "Tél. mobile|Téléphone mobile", "Home Phone": "Téléphone (domicile)",
        "Home Phone 2": "Téléphone 2 (domicile)", "Other Phone": "Autre téléphone",
        "Primary Phone": "Téléphone principal", "Company Main Phone": "Téléphone société",
        "Business Fax": "Télécopie (bureau)", "Home Fax": "Télécopie (domicile)",
        "Other Fax": "Télécopie (autre)", "Car Phone": "Téléphone (voiture)",
        "Pager": "Récepteur de radiomessagerie", "Birthday": "Anniversaire",
        "Anniversary": "Anniversaire de mariage|Date anniversaire",
        "E-mail Address": "Adresse de messagerie",
        "E-mail 2 Address": "Adresse de messagerie 2",
        "E-mail 3 Address": "Adresse de messagerie 3", "Categories": "Catégories",
        "Notes": "Notes", "Web Page": "Page Web", "Nickname": "Surnom",
        "Spouse": "Conjoint(e)|Conjoint", "Children": "Enfants", "Hobby": "Passe-temps",
    },
    "Spanish": {
        "Title": "Tratamiento", "First Name": "Nombre", "Middle Name": "Segundo nombre",
        "Last Name": "Apellidos", "Suffix": "Sufijo", "Company": "Organización|Compañía",
        "Department": "Departamento", "Job Title": "Puesto|Cargo",
        "Business City": "Ciudad de trabajo", "Business State": "Provincia o estado de trabajo",
        "Business Country/Region": "País o región de trabajo",
        "Home City": "Ciudad del domicilio", "Home Country/Region": "País o región del domicilio",
        "Business Phone": "Teléfono del trabajo", "Business Phone 2": "Teléfono del trabajo 2",
        "Mobile Phone": "Móvil|Teléfono móvil", "Home Phone": "Particular|Teléfono particular",
        "Home Phone 2": "Particular 2", "Other Phone": "Otro teléfono",
        "Primary Phone": "Teléfono principal", "Company Main Phone": "Teléfono de la compañía",
        "Business Fax": "Fax del trabajo", "Home Fax": "Fax particular",
        "Other Fax": "Otro fax", "Car Phone": "Teléfono del automóvil",
        "Pager": "Localizador", "Birthday": "Cumpleaños", "Anniversary": "Aniversario",
        "E-mail Address": "Dirección de correo electrónico",
        "E-mail 2 Address": "Dirección de correo electrónico 2",
        "E-mail 3 Address": "Dirección de correo electrónico 3",
        "Categories": "Categorías", "Notes": "Notas", "Web Page": "Página web",
        "Nickname": "Alias|Sobrenombre", "Spouse": "Cónyuge", "Children": "Hijos",
        "Hobby": "Aficiones",
    },
    "Italian": {
        "Title": "Titolo", "First Name": "Nome", "Middle Name": "Secondo nome",
        "Last Name": "Cognome", "Suffix": "Suffisso|Titolo accademico", "Company": "Società",
        "Department": "Reparto", "Job Title": "Posizione",
        "Business City": "Città (uff.)", "Business State": "Provincia (uff.)",
        "Business Country/Region": "Paese (uff.)|Paese/area geografica (uff.)",
        "Home City": "Città (ab.)", "Home Country/Region": "Paese (ab.)",
        "Business Phone": "Ufficio|Telefono ufficio", "Business Phone 2": "Ufficio 2",
        "Mobile Phone": "Cellulare", "Home Phone": "Abitazione|Telefono abitazione",
        "Home Phone 2": "Abitazione 2", "Other Phone": "Altro telefono",
        "Primary Phone": "Telefono principale", "Company Main Phone": "Telefono società",
        "Business Fax": "Fax (uff.)|Fax ufficio", "Home Fax": "Fax (ab.)|Fax abitazione",
        "Other Fax": "Altro fax", "Car Phone": "Telefono auto", "Pager": "Cercapersone",
        "Birthday": "Compleanno", "Anniversary": "Anniversario",
        "E-mail Address": "Indirizzo posta elettronica|Indirizzo e-mail",
        "E-mail 2 Address": "Indirizzo posta elettronica 2|Indirizzo e-mail 2",
        "E-mail 3 Address": "Indirizzo posta elettronica 3|Indirizzo e-mail 3",
        "Categories": "Categorie", "Notes": "Note", "Web Page": "Pagina Web",
        "Nickname": "Soprannome", "Spouse": "Coniuge", "Children": "Figli",
        "Hobby": "Hobby",
    },
    "Dutch": {
        "Title": "Titel", "First Name": "Voornaam", "Middle Name": "Middelste naam",
        "Last Name": "Achternaam", "Suffix": "Achtervoegsel", "Company": "Bedrijf",
        "Department": "Afdeling", "Job Title": "Functie",
        "Business City": "Plaats (werk)|Werkadres, plaats",
        "Business Country/Region": "Land/regio (werk)|Werkadres, land/regio",
        "Home City": "Plaats (thuis)|Huisadres, plaats",
        "Home Country/Region": "Land/regio (thuis)|Huisadres, land/regio",
        "Business Phone": "Telefoon op werk|Telefoon werk",
        "Business Phone 2": "Telefoon op werk 2|Telefoon werk 2",
        "Mobile Phone": "Mobiele telefoon", "Home Phone": "Telefoon thuis",
        "Home Phone 2": "Telefoon thuis 2", "Other Phone": "Andere telefoon",
        "Primary Phone": "Hoofdtelefoon", "Company Main Phone": "Hoofdtelefoon bedrijf",
        "Business Fax": "Fax op werk|Fax werk", "Home Fax": "Fax thuis",
        "Other Fax": "Andere fax", "Car Phone": "Autotelefoon", "Pager": "Pager",
        "Birthday": "Verjaardag", "Anniversary": "Jubileum|Speciale datum",
        "E-mail Address": "E-mailadres", "E-mail 2 Address": "E-mailadres 2",
        "E-mail 3 Address": "E-mailadres 3", "Categories": "Categorieën",
        "Notes": "Notities", "Web Page": "Webpagina", "Nickname": "Bijnaam",
        "Spouse": "Partner", "Children": "Kinderen", "Hobby": "Hobby's",
    },
    "Portuguese (Brazil)": {
        "Title": "Tratamento|Título", "First Name": "Nome", "Middle Name": "Segundo Nome",
        "Last Name": "Sobrenome", "Suffix": "Sufixo", "Company": "Empresa",
        "Department": "Departamento", "Job Title": "Cargo",
        "Business City": "Cidade comercial", "Business State": "Estado comercial",
        "Business Country/Region": "País/Região comercial", "Home City": "Cidade residencial",
        "Home Country/Region": "País/Região residencial",
        "Business Phone": "Telefone comercial", "Business Phone 2": "Telefone comercial 2",
        "Mobile Phone": "Telefone celular|Celular", "Home Phone": "Telefone residencial",
        "Other Phone": "Outro telefone", "Primary Phone": "Telefone principal",
        "Business Fax": "Fax comercial", "Home Fax": "Fax residencial",
        "Car Phone": "Telefone do carro", "Birthday": "Aniversário",
        "Anniversary": "Aniversário de casamento|Data especial",
        "E-mail Address": "Endereço de email|Endereço de e-mail",
        "E-mail 2 Address": "Endereço de email 2|Endereço de e-mail 2",
        "E-mail 3 Address": "Endereço de email 3|Endereço de e-mail 3",
        "Categories": "Categorias", "Notes": "Anotações|Notas", "Web Page": "Página da Web",
        "Nickname": "Apelido", "Spouse": "Cônjuge", "Children": "Filhos",
    },
    "Portuguese (Portugal)": {
        "Title": "Título", "First Name": "Nome", "Middle Name": "Segundo Nome",
        "Last Name": "Apelido", "Suffix": "Sufixo", "Company": "Empresa",
        "Department": "Departamento", "Job Title": "Cargo",
        "Business City": "Localidade (emprego)", "Home City": "Localidade (residência)",
        "Business Phone": "Telefone do emprego", "Mobile Phone": "Telemóvel",
        "Home Phone": "Telefone da residência", "Business Fax": "Fax do emprego",
        "Car Phone": "Telefone do automóvel", "Birthday": "Data de nascimento|Aniversário",
        "Anniversary": "Aniversário de casamento",
        "E-mail Address": "Endereço de correio electrónico|Endereço de correio eletrónico",
        "E-mail 2 Address": "Endereço de correio electrónico 2|Endereço de correio eletrónico 2",
        "Categories": "Categorias", "Notes": "Notas", "Web Page": "Página Web",
        "Nickname": "Alcunha", "Spouse": "Cônjuge", "Children": "Filhos",
    },
}  # fmt: skip

_NOT_WORD = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    return _NOT_WORD.sub("", fold(name))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, dict[str, str]]:
    """language -> folded local name -> English name."""
    return {
        language: {_key(local): english for english, spellings in columns.items()
                   for local in spellings.split("|")}
        for language, columns in _COLUMNS.items()
    }  # fmt: skip


def outlook_language(header: Sequence[str]) -> tuple[str, list[str]] | None:
    """The language of a localised Outlook header and the header in English, or None."""
    best: tuple[int, str, list[str]] | None = None
    for language, local in _lookup().items():
        english = [local.get(_key(name), name) for name in header]
        found = set(english) & set(_COLUMNS[language])
        if {"First Name", "Last Name"} <= found and len(found) >= 4:
            if best is None or len(found) > best[0]:
                best = (len(found), language, english)
    return (best[1], best[2]) if best else None
