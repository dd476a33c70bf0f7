"""Target indicators: milestones to 2050, yearly plan and actual values, catalogues, import."""
