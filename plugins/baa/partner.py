"""The declaration of the Bundesagentur für Arbeit, Agentur für Arbeit Weißenfels, office Naumburg."""

from __future__ import annotations

from core import Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service

_AZRG = "AZRG §18b"
_INTEGRATION_PURPOSE = "Integrationsmaßnahmen und Arbeits- und Ausbildungsvermittlung (AZRG §3 Abs. 3)."


def _grants(fields: tuple[str, ...], purpose: str, *, write: tuple[str, ...] = ()) -> list[FieldGrant]:
    """AZRG grants: they never apply to EU citizens with free movement, who must consent instead."""
    return [
        FieldGrant(
            field=field,
            purpose=purpose,
            basis=_AZRG,
            write=field in write,
            excludes_free_movement=True,
        )
        for field in fields
    ]


def _field_grants() -> tuple[FieldGrant, ...]:
    return (
        *_grants(
            ("family_name", "given_names", "birth_date", "birth_place", "gender", "nationality"),
            "Identitätsprüfung bei Beratung und Vermittlung nach dem SGB III.",
        ),
        *_grants(
            ("address", "phone", "email", "municipality"),
            "Erreichbarkeit und örtliche Zuständigkeit bei Beratung und Vermittlung nach dem SGB III.",
        ),
        *_grants(
            ("residence_status", "permit_valid_until", "arrival_date", "work_permission"),
            "Prüfung des Arbeitsmarktzugangs und der Zustimmung zur Beschäftigung.",
        ),
        *_grants(
            ("marital_status", "children"),
            "Berücksichtigung familiärer Umstände wie Kinderbetreuung bei Beratung und Vermittlung.",
        ),
        *_grants(
            ("school_education", "vocational_qualifications", "work_experience", "desired_occupation"),
            _INTEGRATION_PURPOSE,
            write=("vocational_qualifications", "desired_occupation"),
        ),
        *_grants(("mother_tongue", "languages", "integration_course"), _INTEGRATION_PURPOSE),
    )


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="berufsberatung",
            names={
                "de": "Berufsberatung",
                "en": "Career guidance",
                "ar": "التوجيه المهني",
                "ku": "Şêwirmendiya pîşeyî",
            },
            descriptions={
                "de": (
                    "Orientierung zu Ausbildung, Studium und Beruf: Selbsterkundungstool, Informationen zu "
                    "Ausbildungsberufen und zum deutschen Bildungssystem, Suche nach einem Ausbildungsplatz, "
                    "Berufsausbildungsbeihilfe und Assistierte Ausbildung; Berufsberatung im Erwerbsleben für "
                    "Erwachsene, die sich neu orientieren."
                ),
                "en": (
                    "Guidance on vocational training, university and careers: self-assessment tool, information on "
                    "training occupations and the German education system, search for an apprenticeship, vocational "
                    "training allowance and assisted training; career guidance for adults who want to change "
                    "direction."
                ),
                "ar": (
                    "التوجيه حول التدريب المهني والدراسة الجامعية والمهنة: أداة لاكتشاف الميول المهنية، ومعلومات عن "
                    "المهن التدريبية ونظام التعليم الألماني، والبحث عن مكان تدريب مهني (أوسبيلدونغ)، ومنحة التدريب "
                    "المهني، والتدريب المهني المصحوب بالدعم؛ والتوجيه المهني للبالغين الذين يريدون تغيير مسارهم."
                ),
                "ku": (
                    "Rêberî li ser Ausbildung, zanîngeh û pîşeyê: amûra naskirina jêhatîbûnên xwe, agahî li ser "
                    "pîşeyên Ausbildungê û pergala perwerdeyê ya almanî, lêgerîna cihê Ausbildungê, alîkariya darayî "
                    "ya Ausbildungê (BAB) û Ausbildunga bi piştgirî; şêwirmendiya pîşeyî ji bo mezinên ku dixwazin "
                    "rêya xwe biguherînin."
                ),
            },
            languages=("de", "en", "ar", "uk"),
            eligibility={
                "de": (
                    "Schülerinnen und Schüler, junge Menschen und Erwachsene mit jedem Aufenthaltsstatus; für eine "
                    "Ausbildung ist eine Beschäftigungserlaubnis nötig."
                ),
                "en": (
                    "Pupils, young people and adults with any residence status; an apprenticeship requires an "
                    "employment permit."
                ),
                "ar": "التلاميذ والشباب والبالغون من أي وضع إقامة؛ ويتطلب التدريب المهني إذن عمل.",
                "ku": "Xwendekar, ciwan û mezin bi her rewşa rûniştinê; ji bo Ausbildungê destûra xebatê pêwîst e.",
            },
            required_documents={
                "de": (
                    "Schulzeugnisse, möglichst mit Übersetzung",
                    "Lebenslauf",
                    "Aufenthaltstitel, Aufenthaltsgestattung oder Duldung",
                    "Sprachzertifikate",
                ),
                "en": (
                    "School reports, translated if possible",
                    "CV",
                    "Residence permit, Aufenthaltsgestattung or Duldung",
                    "Language certificates",
                ),
                "ar": (
                    "الشهادات المدرسية، مترجمة إن أمكن",
                    "السيرة الذاتية",
                    "الإقامة أو الأوفنتهالتس غيشتاتونغ أو الدولدونغ",
                    "شهادات اللغة",
                ),
                "ku": (
                    "Karneyên dibistanê, heke mimkun be wergerandî",
                    "CV",
                    "Îqame, Aufenthaltsgestattung an Duldung",
                    "Sertîfîkayên zimên",
                ),
            },
            needs_fields=(
                "given_names",
                "family_name",
                "birth_date",
                "work_permission",
                "school_education",
                "languages",
                "desired_occupation",
            ),
            keywords={
                "de": (
                    "Ausbildung",
                    "Ausbildungsplatz",
                    "Beruf",
                    "Berufswahl",
                    "welcher Beruf passt",
                    "Studium",
                    "studieren",
                    "Schulabschluss",
                    "Praktikum",
                    "Berufsschule",
                    "BAB",
                    "Berufsberatung",
                    "Zukunft",
                    "Lehre",
                ),
                "en": (
                    "apprenticeship",
                    "vocational training",
                    "career",
                    "which job suits me",
                    "choose a career",
                    "university",
                    "study",
                    "school certificate",
                    "internship",
                    "vocational school",
                    "career advice",
                    "future",
                    "training allowance",
                ),
                "ar": (
                    "أوسبيلدونغ",
                    "تدريب مهني",
                    "مهنة",
                    "شو بدي اشتغل",
                    "اختيار المهنة",
                    "جامعة",
                    "دراسة",
                    "بدي ادرس",
                    "شهادة مدرسية",
                    "تدريب عملي",
                    "مدرسة مهنية",
                    "استشارة مهنية",
                    "المستقبل",
                    "منحة تدريب",
                ),
                "ku": (
                    "Ausbildung",
                    "perwerdeya pîşeyî",
                    "pîşe",
                    "kîjan pîşe",
                    "hilbijartina pîşeyê",
                    "zanîngeh",
                    "xwendin",
                    "dixwazim bixwînim",
                    "bawernameya dibistanê",
                    "praktîk",
                    "dibistana pîşeyî",
                    "şêwirmendiya pîşeyî",
                    "pêşeroj",
                ),
            },
        ),
        Service(
            id="anerkennungsberatung",
            names={
                "de": "Anerkennungsberatung für ausländische Abschlüsse",
                "en": "Advice on recognition of foreign qualifications",
                "ar": "استشارة الاعتراف بالشهادات الأجنبية",
                "ku": "Şêwirmendiya naskirina bawernameyên biyanî",
            },
            descriptions={
                "de": (
                    "Wir klären, ob und wo Ihr Berufs- oder Hochschulabschluss anerkannt werden muss (z. B. IHK FOSA, "
                    "Handwerkskammer, Landesverwaltungsamt für Pflege- und Gesundheitsberufe, ZAB), helfen beim "
                    "Antrag, bei Übersetzungen und Kosten und planen Anpassungsqualifizierungen."
                ),
                "en": (
                    "We clarify whether and where your vocational or university qualification needs to be recognised "
                    "(e.g. IHK FOSA, chamber of crafts, the state administration office for nursing and health "
                    "professions, ZAB), help with the application, translations and costs, and plan adaptation "
                    "training."
                ),
                "ar": (
                    "نوضح ما إذا كانت شهادتك المهنية أو الجامعية تحتاج إلى اعتراف وأين (مثل IHK FOSA، وغرفة الحرف، "
                    "ومكتب إدارة الولاية للمهن التمريضية والصحية، وZAB)، ونساعد في الطلب والترجمات والتكاليف، ونخطط "
                    "لدورات التأهيل التكميلي."
                ),
                "ku": (
                    "Em zelal dikin ka bawernameya we ya pîşeyî an ya zanîngehê divê were naskirin û li ku (wek IHK "
                    "FOSA, Odeya Pîşesaziyên Destî, Daîreya Rêveberiya Eyaletê ji bo pîşeyên lênêrîn û tenduristiyê, "
                    "ZAB), di serlêdan, werger û lêçûnan de alîkarî dikin û perwerdeyên temamker plan dikin."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": (
                    "Personen mit einem im Ausland erworbenen Berufs- oder Studienabschluss, unabhängig vom "
                    "Aufenthaltsstatus."
                ),
                "en": (
                    "People with a vocational or university qualification obtained abroad, regardless of residence "
                    "status."
                ),
                "ar": "الأشخاص الحاصلون على شهادة مهنية أو جامعية من الخارج، بغض النظر عن وضع الإقامة.",
                "ku": (
                    "Kesên ku bawernameyeke pîşeyî an zanîngehê li derveyî welat wergirtine, bêyî ku rewşa rûniştinê "
                    "girîng be."
                ),
            },
            required_documents={
                "de": (
                    "Abschlusszeugnis oder Diplom im Original und in Kopie",
                    "Fächer- und Notenübersicht (Transcript)",
                    "Nachweise über Berufserfahrung (Arbeitsbescheinigungen)",
                    "Beglaubigte Übersetzungen ins Deutsche",
                    "Reisepass oder Aufenthaltstitel",
                    "Tabellarischer Lebenslauf",
                ),
                "en": (
                    "Final certificate or diploma, original and copy",
                    "Transcript of subjects and grades",
                    "Proof of work experience (employer references)",
                    "Certified translations into German",
                    "Passport or residence permit",
                    "CV in table form",
                ),
                "ar": (
                    "شهادة التخرج أو الدبلوم، الأصل ونسخة",
                    "كشف المواد والعلامات",
                    "إثباتات الخبرة العملية (شهادات عمل)",
                    "ترجمات محلّفة إلى الألمانية",
                    "جواز السفر أو الإقامة",
                    "سيرة ذاتية على شكل جدول",
                ),
                "ku": (
                    "Bawername an diploma, orîjînal û kopî",
                    "Lîsteya ders û notan (transcript)",
                    "Belgeyên ezmûna karî (belgeyên kar)",
                    "Wergerên bi mohr bo almanî",
                    "Pasaport an îqame",
                    "CV bi şêweyê tabloyê",
                ),
            },
            needs_fields=("given_names", "family_name", "vocational_qualifications", "work_experience"),
            keywords={
                "de": (
                    "Anerkennung",
                    "Abschluss anerkennen",
                    "Zeugnis anerkennen",
                    "Diplom",
                    "Studium anerkennen",
                    "Berufsabschluss",
                    "Gleichwertigkeit",
                    "Übersetzung",
                    "beglaubigt",
                    "Pflege",
                    "Arzt",
                    "Lehrer",
                    "Ingenieur",
                    "Meister",
                    "Anpassungsqualifizierung",
                ),
                "en": (
                    "recognition",
                    "recognise my degree",
                    "diploma",
                    "certificate",
                    "qualification",
                    "equivalence",
                    "translation",
                    "certified translation",
                    "nurse",
                    "doctor",
                    "teacher",
                    "engineer",
                    "my profession in Germany",
                ),
                "ar": (
                    "معادلة",
                    "معادلة الشهادة",
                    "الاعتراف بالشهادة",
                    "شهادتي",
                    "دبلوم",
                    "شهادة جامعية",
                    "ترجمة محلفة",
                    "تمريض",
                    "ممرض",
                    "طبيب",
                    "أستاذ",
                    "مهندس",
                    "بدي اشتغل بمهنتي",
                    "تصديق",
                ),
                "ku": (
                    "naskirin",
                    "naskirina bawernameyê",
                    "muadele",
                    "bawername",
                    "diploma",
                    "bawernameya zanîngehê",
                    "wergera bi mohr",
                    "lênêrîn",
                    "hemşîre",
                    "doktor",
                    "mamoste",
                    "endezyar",
                    "di pîşeya xwe de bixebitim",
                ),
            },
        ),
        Service(
            id="vermittlung_gefluechtete",
            names={
                "de": "Arbeitsvermittlung für Geflüchtete",
                "en": "Job placement for refugees",
                "ar": "التوسط في العمل للاجئين",
                "ku": "Peydakirina kar ji bo penaberan",
            },
            descriptions={
                "de": (
                    "Arbeits- und Ausbildungsvermittlung für Asylsuchende und Geduldete mit Arbeitsmarktzugang sowie "
                    "für Menschen mit Aufenthaltserlaubnis, die kein Bürgergeld beziehen: Kompetenzfeststellung, "
                    "Stellenvorschläge, Vermittlungsbudget und Zustimmung zur Beschäftigung in Abstimmung mit der "
                    "Ausländerbehörde."
                ),
                "en": (
                    "Job and apprenticeship placement for asylum seekers and people with a Duldung who have access to "
                    "the labour market, and for people with a residence permit who do not receive citizen's benefit: "
                    "skills assessment, job offers, placement budget and approval of employment in coordination with "
                    "the foreigners' authority."
                ),
                "ar": (
                    "التوسط في العمل والتدريب المهني لطالبي اللجوء وحاملي الدولدونغ المسموح لهم بالعمل، وللحاصلين على "
                    "إقامة ولا يتلقون مساعدة المواطن: تقييم المهارات، وعروض العمل، وميزانية التوسط، والموافقة على "
                    "التوظيف بالتنسيق مع دائرة الأجانب."
                ),
                "ku": (
                    "Peydakirina kar û Ausbildungê ji bo daxwazkarên penaberiyê û kesên bi Duldung ên ku destûra wan "
                    "a kar heye, û ji bo kesên bi îqame yên ku Bürgergeld nagirin: destnîşankirina jêhatîbûnan, "
                    "pêşniyarên kar, budceya peydakirinê û erêkirina kar bi hevahengiya Fermangeha Biyaniyan."
                ),
            },
            languages=("de", "en", "ar", "fa"),
            eligibility={
                "de": (
                    "Geflüchtete mit Wohnsitz im Burgenlandkreis, die arbeiten dürfen oder eine "
                    "Beschäftigungserlaubnis beantragen möchten und kein Bürgergeld erhalten."
                ),
                "en": (
                    "Refugees living in the Burgenlandkreis who may work or want to apply for employment permission "
                    "and who do not receive citizen's benefit."
                ),
                "ar": (
                    "اللاجئون المقيمون في منطقة بورغنلاندكرايس المسموح لهم بالعمل أو الذين يريدون طلب إذن عمل، ولا "
                    "يحصلون على مساعدة المواطن."
                ),
                "ku": (
                    "Penaberên li Burgenlandkreisê dijîn ku destûra wan a kar heye an dixwazin serlêdana destûra kar "
                    "bikin û Bürgergeld nagirin."
                ),
            },
            required_documents={
                "de": (
                    "Aufenthaltsgestattung, Duldung oder Aufenthaltstitel",
                    "Lebenslauf",
                    "Zeugnisse und Arbeitsnachweise",
                    "Sprachzertifikate",
                    "Konkretes Stellenangebot mit Stellenbeschreibung, falls vorhanden",
                ),
                "en": (
                    "Aufenthaltsgestattung, Duldung or residence permit",
                    "CV",
                    "Certificates and proof of employment",
                    "Language certificates",
                    "Concrete job offer with job description, if you have one",
                ),
                "ar": (
                    "الأوفنتهالتس غيشتاتونغ أو الدولدونغ أو الإقامة",
                    "السيرة الذاتية",
                    "الشهادات وإثباتات العمل",
                    "شهادات اللغة",
                    "عرض عمل محدد مع وصف الوظيفة إن وجد",
                ),
                "ku": (
                    "Aufenthaltsgestattung, Duldung an îqame",
                    "CV",
                    "Bawername û belgeyên kar",
                    "Sertîfîkayên zimên",
                    "Pêşniyareke kar a diyar bi danasîna kar, heke hebe",
                ),
            },
            needs_fields=(
                "given_names",
                "family_name",
                "phone",
                "residence_status",
                "work_permission",
                "languages",
                "work_experience",
                "desired_occupation",
            ),
            keywords={
                "de": (
                    "Arbeit",
                    "Arbeit finden",
                    "Job",
                    "arbeiten dürfen",
                    "Arbeitserlaubnis",
                    "Beschäftigungserlaubnis",
                    "mit Duldung arbeiten",
                    "im Asylverfahren arbeiten",
                    "Stellenangebot",
                    "Helfer",
                    "Lager",
                    "Produktion",
                    "Pflegehelfer",
                    "Zeitarbeit",
                    "Arbeitsagentur",
                ),
                "en": (
                    "work",
                    "find work",
                    "job",
                    "allowed to work",
                    "work permit",
                    "employment permission",
                    "working with a Duldung",
                    "job as asylum seeker",
                    "job offer",
                    "helper job",
                    "warehouse",
                    "factory",
                    "temporary work",
                    "employment agency",
                ),
                "ar": (
                    "شغل",
                    "عمل",
                    "بدي اشتغل",
                    "مسموح لي اشتغل",
                    "إذن عمل",
                    "تصريح عمل",
                    "شغل مع الدولدونغ",
                    "شغل وأنا بالأسيل",
                    "عرض عمل",
                    "مساعد",
                    "مستودع",
                    "معمل",
                    "شركة تأجير عمال",
                    "مكتب العمل",
                    "الأربايتس أمت",
                ),
                "ku": (
                    "kar",
                    "kar bibînim",
                    "dixwazim bixebitim",
                    "destûra kar",
                    "destûra xebatê",
                    "bi Duldung bixebitim",
                    "di dema penaberiyê de kar",
                    "pêşniyara kar",
                    "alîkar",
                    "embar",
                    "fabrîqe",
                    "karê demkî",
                    "Arbeitsagentur",
                    "ajansa kar",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="baa",
        kind=PartnerKind.EXTERNAL,
        names={
            "de": "Bundesagentur für Arbeit – Agentur für Arbeit Weißenfels, Geschäftsstelle Naumburg",
            "en": "Federal Employment Agency – Weißenfels employment agency, Naumburg office",
            "ar": "الوكالة الاتحادية للعمل – وكالة العمل في فايسنفلس، فرع ناومبورغ",
            "ku": "Ajansa Federal a Kar – Ajansa Kar a Weißenfelsê, şaxa Naumburgê",
        },
        descriptions={
            "de": (
                "Berufsberatung für Jugendliche und Erwachsene, Beratung zur Anerkennung ausländischer Abschlüsse und "
                "Arbeitsvermittlung für Geflüchtete, die (noch) kein Bürgergeld beziehen – etwa während des "
                "Asylverfahrens oder mit Duldung."
            ),
            "en": (
                "Career guidance for young people and adults, advice on the recognition of foreign qualifications and "
                "job placement for refugees who do not (yet) receive citizen's benefit – for example during the "
                "asylum procedure or with a Duldung."
            ),
            "ar": (
                "التوجيه المهني للشباب والبالغين، والاستشارة حول الاعتراف بالشهادات الأجنبية، والتوسط في العمل "
                "للاجئين الذين لا يحصلون (بعد) على مساعدة المواطن – مثلًا أثناء إجراءات اللجوء أو مع الدولدونغ."
            ),
            "ku": (
                "Şêwirmendiya pîşeyî ji bo ciwan û mezinan, şêwirmendî li ser naskirina bawernameyên biyanî û "
                "peydakirina kar ji bo penaberên ku (hîn) Bürgergeld nagirin – wek di dema pêvajoya penaberiyê de an "
                "bi Duldung."
            ),
        },
        contact=Contact(
            email="weissenfels.naumburg@arbeitsagentur.example",
            phone="03445 0000-600",
            website="https://www.arbeitsagentur.example/vor-ort/weissenfels",
        ),
        locations=(
            Location(
                name="Agentur für Arbeit, Geschäftsstelle Naumburg",
                address="Roßbacher Straße 199, 06618 Naumburg (Saale)",
                rooms=("E.04", "E.12", "1.10", "1.12"),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=0, opens="08:00", closes="12:30"),
            OpeningHours(weekday=1, opens="08:00", closes="12:30"),
            OpeningHours(weekday=2, opens="08:00", closes="12:30"),
            OpeningHours(weekday=3, opens="08:00", closes="12:30"),
            OpeningHours(weekday=3, opens="14:00", closes="18:00"),
            OpeningHours(weekday=4, opens="08:00", closes="12:30"),
        ),
        services=_services(),
        grants=_field_grants(),
    )
