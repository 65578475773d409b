//! MarketplaceService in the emulator: ProcessReceipt as a write-only
//! callback, and the game-wide receipt ledger that delivers receipts again
//! until a server grants them (on join, on a retry interval, after a crash).

use crate::common::{assert_no_errors, prints};
use datastore_designer::sim::{
    OutputKind, ReceiptOutcome, ReceiptState, ServerConfig, World, WorldConfig,
};

fn world() -> (World, usize) {
    let mut w = World::new(WorldConfig::default());
    let s = w.add_server(ServerConfig::default()).unwrap();
    (w, s)
}

fn outcomes(w: &World, i: usize) -> Vec<ReceiptOutcome> {
    w.receipts()[i]
        .deliveries
        .iter()
        .map(|d| d.outcome.clone())
        .collect()
}

const GRANTING: &str = r#"
local MarketplaceService = game:GetService("MarketplaceService")
MarketplaceService.ProcessReceipt = function(info)
    print("receipt", info.PurchaseId ~= nil, typeof(info.PurchaseId), info.PlayerId, info.ProductId,
        info.PlaceIdWherePurchased, info.CurrencyType == Enum.CurrencyType.Robux)
    task.wait(1)
    return Enum.ProductPurchaseDecision.PurchaseGranted
end
"#;

#[test]
fn a_granted_receipt_is_delivered_once_with_roblox_receipt_info() {
    let (mut w, s) = world();
    w.server(s).run_script("Shop", GRANTING).unwrap();
    w.server(s).join(7, "ann").unwrap();
    w.set_product_price(55, 25);
    let id = w.purchase(7, 55).unwrap();
    w.advance(60.0);
    let receipts = w.receipts();
    assert_eq!(receipts.len(), 1);
    let r = &receipts[0];
    assert_eq!(
        (r.purchase_id.as_str(), r.user_id, r.product_id, r.robux),
        (id.as_str(), 7, 55, 25)
    );
    assert_eq!(r.state, ReceiptState::Granted);
    assert_eq!(outcomes(&w, 0), vec![ReceiptOutcome::PurchaseGranted]);
    assert_eq!(r.deliveries[0].decided_at, Some(1.0));
    assert_eq!(prints(&w, s), vec!["receipt true string 7 55 1000000 true"]);
    assert_no_errors(&w, s);
}

#[test]
fn process_receipt_is_a_callback_and_reading_it_is_noted_as_roblox_refuses_it() {
    let (w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local M = game:GetService("MarketplaceService")
            print(pcall(function() M.ProcessReceipt = 5 end))
            print(pcall(function() return M.ProcessReceipt end))
            M.ProcessReceipt = function() return Enum.ProductPurchaseDecision.NotProcessedYet end
            M.ProcessReceipt = nil
            print(Enum.ProductPurchaseDecision.PurchaseGranted, Enum.ProductPurchaseDecision.NotProcessedYet.Value)
            "#,
        )
        .unwrap();
    let out = prints(&w, s);
    assert!(
        out[0].starts_with("false") && out[0].contains("function expected"),
        "{out:?}"
    );
    assert!(out[1].starts_with("true"), "{out:?}");
    let info: Vec<String> = w
        .server(s)
        .output()
        .into_iter()
        .filter(|l| l.kind == OutputKind::Info)
        .map(|l| l.text)
        .collect();
    assert!(
        info.iter().any(|t| t
            .contains("callback member of MarketplaceService: on Roblox reading it is an error")),
        "{info:?}"
    );
    assert_eq!(out[2], "Enum.ProductPurchaseDecision.PurchaseGranted 0");
}

#[test]
fn only_the_last_callback_set_is_called() {
    let (mut w, s) = world();
    w.server(s)
        .run_script(
            "Main",
            r#"
            local M = game:GetService("MarketplaceService")
            M.ProcessReceipt = function() print("first") return Enum.ProductPurchaseDecision.PurchaseGranted end
            M.ProcessReceipt = function() print("second") return Enum.ProductPurchaseDecision.PurchaseGranted end
            "#,
        )
        .unwrap();
    w.server(s).join(1, "a").unwrap();
    w.purchase(1, 9).unwrap();
    w.advance(30.0);
    assert_eq!(prints(&w, s), vec!["second"]);
}

#[test]
fn buying_needs_a_player_in_a_server() {
    let (mut w, s) = world();
    assert!(w.purchase(1, 9).is_err());
    w.server(s).join(1, "a").unwrap();
    w.server(s).leave(1).unwrap();
    assert!(w.purchase(1, 9).is_err());
    assert!(w.receipts().is_empty());
}

#[test]
fn a_pending_receipt_is_retried_in_the_session_and_delivered_again_on_join() {
    let (mut w, s) = world();
    // Not granted until the player has joined a second time.
    w.server(s)
        .run_script(
            "Shop",
            r#"
            local joins = 0
            game:GetService("Players").PlayerAdded:Connect(function() joins += 1 end)
            game:GetService("MarketplaceService").ProcessReceipt = function(info)
                if joins < 2 then
                    return Enum.ProductPurchaseDecision.NotProcessedYet
                end
                return Enum.ProductPurchaseDecision.PurchaseGranted
            end
            "#,
        )
        .unwrap();
    w.server(s).join(3, "cat").unwrap();
    w.purchase(3, 1).unwrap();
    w.advance(25.0);
    // At 0 s, then every 10 s while the player stays.
    assert_eq!(
        outcomes(&w, 0),
        vec![ReceiptOutcome::NotProcessedYet; 3],
        "{:?}",
        w.receipts()
    );
    let times: Vec<f64> = w.receipts()[0].deliveries.iter().map(|d| d.time).collect();
    assert_eq!(times, vec![0.0, 10.0, 20.0]);
    w.server(s).leave(3).unwrap();
    w.advance(100.0);
    assert_eq!(
        w.receipts()[0].deliveries.len(),
        3,
        "not delivered while away"
    );
    w.server(s).join(3, "cat").unwrap();
    w.advance(1.0);
    let r = &w.receipts()[0];
    assert_eq!(r.state, ReceiptState::Granted);
    assert_eq!(r.deliveries.last().unwrap().time, 125.0);
    assert_eq!(
        r.deliveries.last().unwrap().outcome,
        ReceiptOutcome::PurchaseGranted
    );
    w.advance(60.0);
    assert_eq!(w.receipts()[0].deliveries.len(), 4, "granted: never again");
}

#[test]
fn a_receipt_whose_server_crashed_mid_call_is_delivered_on_the_next_server() {
    let mut w = World::new(WorldConfig::default());
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    for s in [a, b] {
        w.server(s).run_script("Shop", GRANTING).unwrap();
    }
    w.server(a).join(5, "eve").unwrap();
    w.purchase(5, 2).unwrap();
    w.advance(0.5);
    w.crash(a).unwrap();
    w.advance(30.0);
    assert_eq!(w.receipts()[0].state, ReceiptState::Pending);
    assert_eq!(outcomes(&w, 0), vec![ReceiptOutcome::ServerGone]);
    w.server(b).join(5, "eve").unwrap();
    w.advance(5.0);
    let r = &w.receipts()[0];
    assert_eq!(r.state, ReceiptState::Granted);
    assert_eq!(r.deliveries[1].server, b);
    assert_eq!(r.deliveries[1].outcome, ReceiptOutcome::PurchaseGranted);
}

#[test]
fn a_receipt_can_be_delivered_again_while_an_earlier_call_still_runs() {
    // A hop: the first server's callback is stuck on a slow save while the
    // player joins another server, which gets the receipt too.
    let mut w = World::new(WorldConfig::default());
    let a = w.add_server(ServerConfig::default()).unwrap();
    let b = w.add_server(ServerConfig::default()).unwrap();
    for s in [a, b] {
        w.server(s)
            .run_script(
                "Shop",
                r#"
                game:GetService("MarketplaceService").ProcessReceipt = function(info)
                    task.wait(30)
                    return Enum.ProductPurchaseDecision.PurchaseGranted
                end
                "#,
            )
            .unwrap();
    }
    w.server(a).join(5, "eve").unwrap();
    w.purchase(5, 2).unwrap();
    w.advance(2.0);
    w.server(a).leave(5).unwrap();
    w.server(b).join(5, "eve").unwrap();
    w.advance(60.0);
    let r = &w.receipts()[0];
    assert_eq!(r.state, ReceiptState::Granted);
    assert_eq!(r.deliveries[0].server, a);
    assert_eq!(r.deliveries[1].server, b);
    assert_eq!(r.granted_answers(), 2, "both calls answered: {r:?}");
    assert_eq!(
        r.deliveries.len(),
        2,
        "no server is asked again while its call runs: {r:?}"
    );
}

#[test]
fn a_callback_that_errors_or_is_missing_leaves_the_receipt_pending() {
    let (mut w, s) = world();
    w.server(s).join(4, "dan").unwrap();
    w.purchase(4, 8).unwrap();
    w.advance(1.0);
    assert_eq!(outcomes(&w, 0), vec![ReceiptOutcome::NoCallback]);
    w.server(s)
        .run_script(
            "Shop",
            r#"
            local calls = 0
            game:GetService("MarketplaceService").ProcessReceipt = function(info)
                calls += 1
                if calls == 1 then
                    error("shop is closed")
                end
                return nil
            end
            "#,
        )
        .unwrap();
    w.advance(25.0);
    let got = outcomes(&w, 0);
    assert!(
        matches!(&got[1], ReceiptOutcome::Errored(m) if m.contains("shop is closed")),
        "{got:?}"
    );
    assert_eq!(got[2], ReceiptOutcome::NoDecision);
    assert_eq!(w.receipts()[0].state, ReceiptState::Pending);
    let errors: Vec<_> = w
        .server(s)
        .output()
        .into_iter()
        .filter(|l| l.kind == OutputKind::Error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "the error is printed like Roblox: {errors:?}"
    );
}
