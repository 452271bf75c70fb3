"""Two changes to moto's DynamoDB.

1. For speed: item-level transaction rollback. moto backs up a transaction by
   deep-copying every table it touches, once per action, so each TransactWriteItems
   costs time in proportion to the whole table: a few thousand customers make the local
   stack crawl. Here the backup is the touched items alone, and a failed transaction puts
   exactly those back. Served one request at a time (moto_server.py), a transaction then
   stays all-or-nothing, as in DynamoDB. Its stream too: moto applies the actions that
   passed before it cancels the transaction, and both those writes and their undoing
   would appear as stream records (a stream consumer would see changes that never
   happened), so a cancelled transaction's records are taken back out of the stream.
2. For fidelity: numbers with trailing zeros past 38 digits. DynamoDB trims leading and
   trailing zeros, so it stores `N: "56000...0"` (125 digits, 2 significant) as 5.6E+124.
   moto reads stored numbers back through boto3's decimal context, which traps
   `Rounded`, so such an item made GetItem with a ProjectionExpression fail with a 500.
   Without that trap, only numbers that really need rounding (more than 38 significant
   digits: `Inexact`, still trapped) fail, as in DynamoDB.
"""

from __future__ import annotations

import copy
import decimal
import types
from typing import Any

from boto3.dynamodb import types as boto3_dynamodb_types
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.exceptions import (
    MockValidationException,
    MultipleTransactionsException,
    TransactionCanceledException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table


def _deepcopy_except_tables(value: Any, memo: Any = None) -> Any:
    return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _action_key(backend: DynamoDBBackend, op_type: str, op: dict[str, Any]) -> dict[str, Any]:
    if op_type != "Put":
        return op["Key"]
    table = backend.get_table(op["TableName"])
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key


def install() -> None:
    boto3_dynamodb_types.DYNAMODB_CONTEXT.traps[decimal.Rounded] = False
    original = DynamoDBBackend.transact_write_items
    # moto's own table backup becomes a no-op; the wrapper below restores items instead.
    dynamodb_models.copy = types.SimpleNamespace(deepcopy=_deepcopy_except_tables)

    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        before: list[tuple[str, dict[str, Any], Any]] = []
        streams: dict[str, tuple[Any, int]] = {}
        for action in transact_items[:100]:
            op_type, op = next(iter(action.items()))
            try:
                key = _action_key(self, op_type, op)
                current = self.get_item(op["TableName"], key)
            except Exception:  # moto itself reports malformed actions
                continue
            before.append((op["TableName"], key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
            shard = self.get_table(op["TableName"]).stream_shard
            if shard is not None:
                streams.setdefault(op["TableName"], (shard, len(shard.items)))
        try:
            original(self, transact_items)
        except (TransactionCanceledException, MultipleTransactionsException, MockValidationException):
            for table_name, key, attributes in reversed(before):
                if attributes is None:
                    self.delete_item(table_name, key)
                else:
                    self.put_item(table_name, attributes)
            for shard, length in streams.values():
                del shard.items[length:]
            raise

    DynamoDBBackend.transact_write_items = transact_write_items
