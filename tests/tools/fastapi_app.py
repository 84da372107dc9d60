"""A small FastAPI app whose OpenAPI 3.1 document is a fixture (tests/tools/fastapi.json).

    python3 tests/tools/fastapi_app.py spec         # prints the document FastAPI writes
    python3 tests/tools/fastapi_app.py serve PORT   # serves the app on 127.0.0.1:PORT (uvicorn)

tests/tool_specs.rs runs both: the first to prove the checked-in fixture is FastAPI's output,
the second as the server the client generated from that fixture talks to. The app covers what
FastAPI writes for common code: models with `Optional` fields (`anyOf: [X, {type: null}]`), an
enum, a list response, path and query parameters, a request body with constraints, and the 422
validation error every operation with parameters or a body declares.
"""

import json
import sys
from enum import Enum
from typing import Optional

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field


class Kind(str, Enum):
    """What kind of animal a pet is."""

    dog = "dog"
    cat = "cat"
    bird = "bird"


class PetCreate(BaseModel):
    """A pet to add."""

    name: str = Field(min_length=1, max_length=40)
    kind: Kind
    tag: Optional[str] = None
    age: Optional[int] = Field(default=None, ge=0, le=100)


class Pet(BaseModel):
    """A pet in the store."""

    id: int
    name: str
    kind: Kind
    tag: Optional[str] = None
    age: Optional[int] = None


class NotFound(BaseModel):
    """The body of a 404."""

    detail: str


app = FastAPI(title="Pet store", version="1.0.0")
pets: dict[int, Pet] = {}


@app.get("/pets", operation_id="list_pets")
def list_pets(
    kind: Optional[Kind] = None, limit: int = Query(default=10, ge=1, le=100)
) -> list[Pet]:
    """Lists the pets, oldest first."""
    found = [p for p in pets.values() if kind is None or p.kind == kind]
    return found[:limit]


@app.post("/pets", operation_id="create_pet", status_code=201)
def create_pet(body: PetCreate) -> Pet:
    """Adds a pet."""
    pet = Pet(id=len(pets) + 1, **body.model_dump())
    pets[pet.id] = pet
    return pet


@app.get(
    "/pets/{pet_id}",
    operation_id="get_pet",
    responses={404: {"model": NotFound, "description": "No pet has this id"}},
)
def get_pet(pet_id: int) -> Pet:
    """One pet, by id."""
    if pet_id not in pets:
        raise HTTPException(status_code=404, detail=f"no pet {pet_id}")
    return pets[pet_id]


def main() -> None:
    if sys.argv[1:] == ["spec"]:
        print(json.dumps(app.openapi(), indent=2))
    elif len(sys.argv) == 3 and sys.argv[1] == "serve":
        import uvicorn

        uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
    else:
        sys.exit(f"usage: {sys.argv[0]} spec | serve PORT")


if __name__ == "__main__":
    main()
