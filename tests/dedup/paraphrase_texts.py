"""Texts for the paraphrase path's tests, written for them (no dataset text): a wire report, a
machine-style paraphrase of it (words swapped for synonyms, clauses recast, names and numbers
kept), and another outlet's own report of the same signing with the same names and one quote."""

ORIGINAL = """OSLO, Norway - Norwegian Foreign Minister Ingrid Solberg and her Chilean counterpart Mateo Araya met in Oslo on Tuesday to sign a fisheries agreement that both governments have negotiated for almost three years.

"This agreement shows that two small coastal nations can set rules for the whole South Pacific," Solberg told reporters at the Akershus Fortress after the signing ceremony. Araya said the deal would protect 14 species and create a joint patrol fund of 120 million euros.

The talks were first proposed in Valparaiso in March 2023, when Chile asked Norway for help with monitoring foreign trawlers. Since then officials from the two ministries have met eleven times, most recently in Santiago in September.

Under the agreement, Norwegian satellites will share data with the Chilean Navy, and a research vessel from Bergen will spend six months a year in Chilean waters. The European Union and the Food and Agriculture Organization have been invited to observe the first season.

Environmental groups welcomed the deal but warned that enforcement would be difficult. "Paper is patient. The real test comes when the first illegal fleet is caught," said Lucia Ferrer of Oceana Chile.

Araya is expected to travel on to Stockholm on Wednesday for talks with Swedish Trade Minister Erik Lindqvist, before returning to Santiago at the weekend. Solberg will present the agreement to the Storting in November."""

PARAPHRASE = """OSLO, Norway - Norwegian Foreign Minister Ingrid Solberg and Chilean Foreign Minister Mateo Araya held talks in Oslo on Tuesday and signed a fishing accord that the two governments spent nearly three years negotiating.

"The accord demonstrates that two small maritime nations are able to write the rules for the entire South Pacific," Solberg informed journalists at the Akershus Fortress following the ceremony. Araya stated the pact will safeguard 14 species and establish a shared patrol fund worth 120 million euros.

The negotiations were initially suggested in Valparaiso in March 2023, when Chile requested Norway's assistance in tracking foreign trawlers. Since that time representatives of both ministries have gathered eleven times, the latest in Santiago in September.

According to the accord, Norwegian satellites are to provide data to the Chilean Navy, while a research ship from Bergen is to remain six months each year in Chilean waters. The European Union as well as the Food and Agriculture Organization were asked to monitor the opening season.

Environmental organisations praised the pact yet cautioned that enforcing it could prove hard. "Paper is patient. The true test will come once the first illegal fleet is caught," stated Lucia Ferrer of Oceana Chile.

Araya is due to continue to Stockholm on Wednesday for discussions with Swedish Trade Minister Erik Lindqvist, then head back to Santiago over the weekend. Solberg is to present the accord to the Storting in November."""

INDEPENDENT = """Chile and Norway sign South Pacific fisheries pact

Chile's top diplomat Mateo Araya put his name to a long-awaited fisheries deal in Oslo on Tuesday, alongside Norway's Ingrid Solberg, after talks that began in Valparaiso in March 2023.

The accord covers 14 species. Santiago had pressed for it after a string of incidents with foreign trawlers off its coast, and the Chilean Navy will now receive Norwegian satellite data.

"This agreement shows that two small coastal nations can set rules for the whole South Pacific," Solberg said at the Akershus Fortress.

Critics in Santiago say the 120 million euro patrol fund is too small. Lucia Ferrer of Oceana Chile said enforcement would be the real test, and fishermen's unions in Valparaiso have asked the government to publish the full text.

The European Union and the Food and Agriculture Organization will observe the first season. A research vessel from Bergen is due in Chilean waters early next year.

Araya heads to Stockholm on Wednesday to meet Swedish Trade Minister Erik Lindqvist. In Norway, the Storting is expected to debate the agreement in November, and opposition parties have signalled support."""
