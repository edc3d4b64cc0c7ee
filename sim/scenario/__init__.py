"""The scenario format: models, loading with located errors, schema and starter."""

from sim.scenario.errors import ScenarioError, ScenarioInvalid
from sim.scenario.load import load_scenario, parse_scenario
from sim.scenario.models import Scenario

__all__ = ["Scenario", "ScenarioError", "ScenarioInvalid", "load_scenario", "parse_scenario"]
