"""One module per screen: home (the scenario browser), scenario, help."""
