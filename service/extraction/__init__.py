"""Pure extraction: article text in, meetings, participants and statements with spans out."""
